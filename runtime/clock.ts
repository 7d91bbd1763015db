/**
 * Time as a port. The runtime reads the time and sets timers only through a `Clock` it is given
 * (`Env.c`), so tests run a conversation on a simulated clock (runtime/test/sim-clock.ts) and a
 * timer of 40 days fires in a millisecond; the bundle gets `clock`, the page's own.
 */
export interface Clock {
  /** ms since epoch */
  now(): number;
  /** Calls `fn` after `ms`. Like the page's, a real clock fires at once above 2^31−1 ms: `arm` re-arms in steps. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The time now, from the page's clock; also the expression language's `now()`. */
export const now = () => Date.now();

/**
 * The page's clock. Each call goes to the global at call time (a browser throws "Illegal invocation"
 * when its setTimeout is called as another object's method, and Playwright's page.clock replaces them).
 */
export const clock: Clock = {
  now,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as number),
};
