import { assign } from 'xstate';
import type { Ctx, NodeModule } from '../types.ts';

/** Assigns variables in order; each expression sees the assignments before it. */
const set: NodeModule<'set'> = (R) => ({
  a: {
    set: assign(({ context: c }: { context: Ctx }, { n }: { n: string }) => {
      const v = { ...c.v };
      for (const [name, e] of R.N[n].a) {
        try {
          v[name] = R.spec.x[e](v);
        } catch {
          v[name] = null;
        }
      }
      return { v };
    }),
  },
});
export default set;
