/** Start trigger `delay`: the conversation starts `after` ms after the page loaded. */
export default (st: { after?: number }, begin: () => void) => setTimeout(begin, st.after || 0);
