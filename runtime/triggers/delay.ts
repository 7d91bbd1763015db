import type { Clock } from '../clock.ts';

/** Start trigger `delay`: the conversation starts `after` ms after the page loaded. */
export default (st: { after?: number }, begin: () => void, c: Clock) => c.setTimeout(begin, st.after || 0);
