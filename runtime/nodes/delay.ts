import { assign, fromCallback } from 'xstate';
import type { ActorInput, Ctx, Env, NodeModule, Vars } from '../types.ts';
import type { DurationRef, MachineEvent } from '../../compiler/contract.ts';
import type { Clock } from '../clock.ts';

/** setTimeout fires at once above 2^31−1 ms (about 24.8 days); longer waits re-arm in steps. */
const MAX = 2147483000;

/**
 * Calls `fire` at the absolute time `at` of clock `c`, however far away, and returns the
 * disarm function. A due time in the past fires on the next tick.
 */
export function arm(c: Clock, at: number, fire: () => void): () => void {
  let id: unknown;
  const tick = () => {
    const ms = at - c.now();
    id = ms > MAX ? c.setTimeout(tick, MAX) : c.setTimeout(fire, ms > 0 ? ms : 0);
  };
  tick();
  return () => c.clearTimeout(id);
}

/**
 * The absolute due time for a node's duration: a number of ms from now, or an expression giving
 * ms (below 10^12) or an absolute date (ms since epoch, at or above 10^12).
 */
export function dueAt(R: Env, d: DurationRef, v: Vars): number {
  const now = R.c.now();
  if (typeof d === 'number') return now + d;
  let x: number;
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
 * the `timer` actor arms `due − now` and sends `t:<key>`. A timer at or above the long-timer
 * threshold is also registered with the server, which fires it if the page is closed by then
 * (docs/visitor-protocol.md); whichever side fires first moves the conversation, once.
 */
const delay: NodeModule<'delay' | 'wait' | 'handoff'> = (R) => ({
  a: {
    // A wait has `d` whenever it is timed, the only time the compiler wires `due` to it.
    due: assign(({ context: c }: { context: Ctx }, { n }: { n: string }) => ({
      d: { ...c.d, [n]: dueAt(R, R.N[n].d!, c.v) },
    })),
  },
  s: {
    timer: fromCallback<MachineEvent, ActorInput>(({ input: { n, at }, sendBack }) => {
      const fire = () => sendBack({ type: 't:' + n });
      const off = arm(R.c, at, fire);
      const d = R.N[n].d;
      if (!R.spec.lk || at <= R.c.now() || (typeof d == 'number' ? d : at - R.c.now()) < R.spec.s.lt) return off;
      const lk = R.link || (R.link = R.spec.lk(R));
      const id = n + '@' + at;
      const path = '/timers/' + encodeURIComponent(id);
      lk.call('PUT', path, { dueAt: at, event: { type: 't:' + n } }).catch(() => 0);
      const un = lk.on(id, fire);
      // Left early (another event won, a reset): the server must not fire it any more.
      return () => (off(), un(), lk.call('DELETE', path).catch(() => 0));
    }),
  },
});
export default delay;
