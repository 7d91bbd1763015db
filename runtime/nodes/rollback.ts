import { task } from './task.ts';
import type { Ctx, NodeModule } from '../types.ts';
import { call } from './http.ts';

/**
 * Runs the compensations recorded since the last checkpoint, newest first, each with the
 * variables of its original call and a key derived from that call's key.
 */
const rollback: NodeModule = (R) => ({
  s: {
    rb: task(async ({ c }: { c: Ctx['c'] }) => {
      for (const x of c.slice().reverse()) {
        const d = R.N[x.n];
        await call(R, { ...d, ...d.c }, x.v, x.k + ':compensate');
      }
    }),
  },
});
export default rollback;
