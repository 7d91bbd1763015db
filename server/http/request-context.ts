import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';

// What middleware attach to every request, typed once for all handlers.
declare global {
  namespace Express {
    interface Request {
      /** Echoed as `X-Request-Id` and on every log line of this request. */
      id: string;
      log: Logger;
      /** Who is calling; set by `authenticate()`, absent on public routes. */
      actor?: Actor;
      /** The stored hash of the session cookie, when the caller authenticated with one. */
      sessionIdHash?: string;
    }
  }
}

export {};
