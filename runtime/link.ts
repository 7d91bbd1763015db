import type { ServerLink } from './types.ts';

/**
 * The server link: the only module that may call home, and only for long timers and handoff.
 * The visitor endpoints for handoff are not served yet, so a handoff fails fast and the bot takes
 * its `onTimeout` path with a polite message rather than leaving the visitor waiting.
 */
export function serverLink(_base: string, _botId: string): ServerLink {
  return {
    handoff: () => Promise.reject(new Error('handoff unavailable')),
  };
}
