import { task } from './task.ts';
import type { ActorInput, Ctx, DataOf, NodeModule } from '../types.ts';
import { call } from './http.ts';

/**
 * Runs the compensations recorded since the last checkpoint, newest first, each with the
 * variables of its original call and a key derived from that call's key. It reads the data of
 * those http nodes; its own is empty.
 */
const rollback: NodeModule<'rollback' | 'http'> = (R) => ({
  s: {
    rb: task(async ({ c }: ActorInput & { c: Ctx['c'] }) => {
      for (const x of c.slice().reverse()) {
        const d = R.N[x.n] as DataOf<'http'>;
        await call(R, { ...d, ...d.c }, x.v, x.k + ':compensate');
      }
    }),
  },
});
export default rollback;
