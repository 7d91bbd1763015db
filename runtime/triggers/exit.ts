/** Start trigger `exit`: the conversation starts when the pointer leaves the page through the top. */
export default (_: unknown, begin: () => void) => {
  const on = (e: MouseEvent) =>
    !e.relatedTarget && e.clientY <= 0 && (document.removeEventListener('mouseout', on), begin());
  document.addEventListener('mouseout', on);
};
