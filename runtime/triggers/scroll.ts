/** Start trigger `scroll`: the conversation starts once the visitor has scrolled `percent` of the page. */
export default (st: { percent?: number }, begin: () => void) => {
  const on = () => {
    const d = document.documentElement;
    if (((scrollY + innerHeight) / d.scrollHeight) * 100 >= (st.percent || 50))
      (removeEventListener('scroll', on), begin());
  };
  addEventListener('scroll', on, { passive: true });
};
