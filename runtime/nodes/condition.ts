import type { Env, NodeModule, Vars } from '../types.ts';

/** Runs a compiled expression; a failing expression counts as false rather than stopping the bot. */
export const truthy = (R: Env, e: number, v: Vars) => {
  try {
    return !!R.spec.x[e](v);
  } catch {
    return false;
  }
};

/** Branches on compiled expressions: the first true branch wins. */
const condition: NodeModule<'condition'> = (R) => ({ g: { x: ({ context: c }, { e }) => truthy(R, e, c.v) } });
export default condition;
