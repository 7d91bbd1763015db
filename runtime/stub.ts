/**
 * The JS-API stub snippet (built to dist/stub.min.js and documented in docs/js-api.md). Load it
 * before the bot's script tag; calls made before the bundle loads are queued and replayed.
 */
const w = window as any;
const C = (w.Chatlet = w.Chatlet || { bots: {}, q: [] });
for (const m of ['open', 'close', 'send', 'on', 'variables', 'reset']) {
  C[m] =
    C[m] ||
    function () {
      // eslint-disable-next-line prefer-rest-params
      C.q.push([m, arguments]);
    };
}
