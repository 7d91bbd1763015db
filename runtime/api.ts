/**
 * `window.Chatlet`, the page's JS API. Top-level calls go to the first bot on the page;
 * `Chatlet.bots[id]` addresses one bot when a page has several. Calls made through the stub
 * snippet before any bundle loaded are replayed on the first bot.
 */
export type EventType = 'message' | 'end' | 'handoff' | 'state' | 'error';

/**
 * What a page can do with one bot: open or close its chat, send it a page event, listen to its
 * events, read its variables, start over.
 */
export interface BotApi {
  open(): void;
  close(): void;
  send(event: string, data?: Record<string, unknown>): void;
  on(type: EventType, fn: (data: any) => void): () => void; // any: page code reads each event's documented fields (docs/js-api.md)
  variables(): Record<string, unknown>;
  reset(): void;
  /** the visitor's answer to results reporting, for bots whose results ask for consent */
  consent(yes: boolean): void;
  /** erases the visitor's results on the server and this bot's state in the browser */
  forget(): void;
}

/**
 * `window.Chatlet`: the first bot's API at the top level, every bot's under `bots` by id, and the
 * stub's queue until a bundle loads.
 */
export interface ChatletGlobal extends BotApi {
  bots: Record<string, BotApi>;
  /** calls queued by the stub snippet: [method, arguments] */
  q?: [keyof BotApi, ArrayLike<unknown>][];
}

/** Registers a bot's API, creating `window.Chatlet` if needed. Returns false when the bot is already there. */
export function register(id: string, api: BotApi, w = window as { Chatlet?: ChatletGlobal }): boolean {
  // The first bot fills the object in below.
  const C: ChatletGlobal = (w.Chatlet = w.Chatlet || ({} as ChatletGlobal));
  const bots = (C.bots = C.bots || {});
  if (bots[id]) return false;
  bots[id] = api;
  const queued = C.q;
  // The first bot answers the top-level calls, replacing the stub's queueing functions. `api` holds
  // exactly BotApi's methods (boot.ts), so they are copied without a list of names in the bundle.
  if (Object.keys(bots).length === 1) Object.assign(C, api);
  if (queued) {
    delete C.q;
    for (const [m, args] of queued) (api[m] as (...a: unknown[]) => void)(...(args as unknown[]));
  }
  return true;
}
