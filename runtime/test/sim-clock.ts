/** Test support: a simulated `Clock` (runtime/clock.ts) that a test moves forward, so no test waits for a timer. */
import type { Clock } from '../clock.ts';

/** Above this a browser's (and Node's) setTimeout fires at once; so does this clock's, so an unsplit long wait shows. */
const LIMIT = 2 ** 31 - 1;

interface Pending {
  at: number;
  ms: number;
  fn: () => void;
}

/** A clock whose time moves only when the test says so. */
export interface SimClock extends Clock {
  /** Moves time forward by `ms`, firing each timer due on the way at its own due time, earliest first. */
  advance(ms: number): void;
  /** Like `advance`, but lets promises and I/O callbacks run after each firing, as a page's event loop would. */
  advanceAsync(ms: number): Promise<void>;
  /** The delays timers were set with, in order (a delay over the limit is recorded as asked). */
  readonly delays: number[];
  /** Delays of the timers set and not yet fired or cleared, earliest due first. */
  pending(): number[];
  /** Resolves once a timer with delay `ms` is pending (set and not fired or cleared), at once if one is. */
  armed(ms: number): Promise<void>;
}

/** Lets settled promises and ready I/O callbacks run: a turn of the real event loop, not a wait for a timer. */
export const settle = () => new Promise<void>((r) => setImmediate(r));

/** A simulated clock starting at `start` (ms since epoch). */
export function simClock(start = Date.parse('2026-01-01T00:00:00Z')): SimClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, Pending>();
  const waiters: { ms: number; done: () => void }[] = [];
  const delays: number[] = [];
  const next = () => {
    let first: [number, Pending] | undefined;
    for (const e of timers) if (!first || e[1].at < first[1].at) first = e;
    return first;
  };
  const fireNext = (end: number) => {
    const t = next();
    if (!t || t[1].at > end) return false;
    timers.delete(t[0]);
    now = Math.max(now, t[1].at);
    t[1].fn();
    return true;
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      delays.push(ms);
      const wait = ms > LIMIT || !(ms > 0) ? 0 : ms;
      timers.set(++seq, { at: now + wait, ms, fn });
      for (const w of waiters.filter((w) => w.ms === ms)) (waiters.splice(waiters.indexOf(w), 1), w.done());
      return seq;
    },
    clearTimeout: (h) => void timers.delete(h as number),
    advance(ms) {
      const end = now + ms;
      while (fireNext(end));
      now = end;
    },
    async advanceAsync(ms) {
      const end = now + ms;
      await settle();
      while (fireNext(end)) await settle();
      now = end;
      await settle();
    },
    delays,
    pending: () => [...timers.values()].sort((a, b) => a.at - b.at).map((t) => t.ms),
    armed: (ms) =>
      [...timers.values()].some((t) => t.ms === ms)
        ? Promise.resolve()
        : new Promise<void>((done) => waiters.push({ ms, done })),
  };
}
