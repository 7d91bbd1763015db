/** Test support: a simulated server `Clock` (../clock.ts) whose time moves only when the test moves it. */
import type { Clock } from '../clock.ts';

export interface SimClock extends Clock {
  /** Moves time forward by `ms`, running each timer due on the way at its own due time, earliest first. */
  advance(ms: number): void;
}

/** A simulated clock starting at `start` (ms since epoch; by default the real time now, so due times pass validation). */
export function simClock(start = Date.now()): SimClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      timers.set(++seq, { at: now + Math.max(0, ms), fn });
      return seq;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const [id, t] = [...timers].reduce<[number, { at: number; fn: () => void }] | [undefined, undefined]>(
          (first, e) => (first[1] === undefined || e[1].at < first[1].at ? e : first),
          [undefined, undefined],
        );
        if (id === undefined || t.at > end) break;
        timers.delete(id);
        now = Math.max(now, t.at);
        t.fn();
      }
      now = end;
    },
  };
}
