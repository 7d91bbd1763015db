import type { NodeModule } from '../types.ts';

/** Runs a compiled expression; a failing expression counts as false rather than stopping the bot. */
export const truthy = (R: Parameters<NodeModule>[0], e: number, v: any) => {
  try {
    return !!R.spec.x[e](v);
  } catch {
    return false;
  }
};

/** Branches on compiled expressions: the first true branch wins. */
const condition: NodeModule = (R) => ({ g: { x: ({ context: c }: any, { e }: any) => truthy(R, e, c.v) } });
export default condition;
