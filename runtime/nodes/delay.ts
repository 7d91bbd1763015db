import { assign, fromCallback } from 'xstate';
import type { Ctx, Env, NodeModule } from '../types.ts';

/** setTimeout fires at once above 2^31−1 ms (about 24.8 days); longer waits re-arm in steps. */
const MAX = 2147483000;

/**
 * Calls `fire` at the absolute time `at` of `now`'s clock, however far away, and returns the
 * disarm function. A due time in the past fires on the next tick.
 */
export function arm(now: () => number, at: number, fire: () => void): () => void {
  let id: any;
  const tick = () => {
    const ms = at - now();
    id = ms > MAX ? setTimeout(tick, MAX) : setTimeout(fire, ms > 0 ? ms : 0);
  };
  tick();
  return () => clearTimeout(id);
}

/**
 * The absolute due time for a node's duration: a number of ms from now, or an expression giving
 * ms (below 10^12) or an absolute date (ms since epoch, at or above 10^12).
 */
export function dueAt(R: Env, d: any, v: any): number {
  const now = R.now();
  if (typeof d === 'number') return now + d;
  let x: any;
  try {
    x = Number(R.spec.x[d.e](v));
  } catch {
    x = 0;
  }
  if (!isFinite(x)) x = 0;
  return x >= 1e12 ? x : now + x;
}

/**
 * Durable timers: `due` stores the absolute due time in context on entry (it survives reloads);
 * the `timer` actor arms `due − now` and sends `t:<key>`.
 */
const delay: NodeModule = (R) => ({
  a: {
    due: assign(({ context: c }: { context: Ctx }, { n }: { n: string }) => ({ d: { ...c.d, [n]: dueAt(R, R.N[n].d, c.v) } })),
  },
  s: {
    timer: fromCallback(({ input: { n, at }, sendBack }: any) => arm(R.now, at, () => sendBack({ type: 't:' + n }))),
  },
});
export default delay;
