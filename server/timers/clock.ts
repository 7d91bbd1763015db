/**
 * Time as a port for the server's timers, the same shape as the runtime's (runtime/clock.ts): the
 * job queue asks it which timers are due and waits on it between start-up retries, and the timer
 * service measures lateness with it. server/app.ts passes `systemClock` unless told otherwise, and
 * tests pass a simulated one (./sim-clock.ts), so a timer due in a day fires in milliseconds.
 */
export interface Clock {
  /** ms since epoch */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
