/**
 * The JS-API stub snippet (built to dist/stub.min.js and documented in docs/js-api.md). Paste it
 * before the bot's script tag; calls made before the bundle loads are queued and replayed.
 */
((w: any) => {
  const C = (w.Chatlet = w.Chatlet || { bots: {} });
  C.q = C.q || [];
  for (const m of ['open', 'close', 'send', 'on', 'variables', 'reset']) {
    if (!C[m]) {
      const f: any = function () {
        // eslint-disable-next-line prefer-rest-params
        C.q.push([m, arguments]);
      };
      f._stub = 1;
      C[m] = f;
    }
  }
})(window);
