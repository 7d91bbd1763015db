/**
 * The JS-API stub snippet (built to dist/stub.min.js and documented in docs/js-api.md). Load it
 * before the bot's script tag; calls made before the bundle loads are queued and replayed.
 */
import type { ChatletGlobal } from './api.ts';

const w = window as { Chatlet?: ChatletGlobal };
// Until a bundle registers, the global holds only the queue and the queueing functions.
const C = (w.Chatlet = w.Chatlet || ({ bots: {}, q: [] } as unknown as ChatletGlobal));
for (const m of ['open', 'close', 'send', 'on', 'variables', 'reset', 'consent', 'forget'] as const) {
  C[m] = (C[m] ||
    function () {
      // eslint-disable-next-line prefer-rest-params
      C.q!.push([m, arguments]);
    }) as never;
}
