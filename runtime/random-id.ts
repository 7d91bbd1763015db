/** A random id of 24 hex digits (96 bits): the visitor id, and a result's id. */
export const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => (b + 256).toString(16).slice(1)).join('');
