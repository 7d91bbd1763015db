import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';

/** Where a bot's visitors may call from: its allowed origins; an empty list allows any origin. */
export type AllowedOrigins = (botId: string) => Promise<string[] | null>;

const ALLOW_HEADERS = 'Authorization, Content-Type, Last-Event-ID, X-Chatlet-Bot';

/**
 * CORS for the visitor endpoints. A preflight carries no token, so it is answered for the bot it names
 * (`?botId=`) when it names one, and otherwise for any origin: it grants nothing by itself, because the
 * request that follows is checked against its token's bot and refused with 403 `visitor.origin_not_allowed`,
 * without CORS headers, so the page cannot read the answer. Same-origin requests are always allowed.
 * `botOf` tells which bot a request is for (the token's, or the body's for `POST /session`).
 */
export function visitorCors(allowed: AllowedOrigins, ownOrigin: () => string): {
  preflight: RequestHandler;
  check: (req: Request, botId: string) => Promise<void>;
} {
  async function permitted(req: Request, botId: string | undefined): Promise<boolean> {
    const origin = req.get('origin');
    if (!origin || origin === ownOrigin() || origin === `${req.protocol}://${req.get('host')}`) return true;
    if (!botId) return true;
    const origins = await allowed(botId);
    return !origins || origins.length === 0 || origins.includes(origin);
  }

  return {
    async preflight(req, res, next) {
      const origin = req.get('origin');
      if (origin) res.setHeader('Vary', 'Origin');
      // Provisional, so the page can read a refused token's code; `check` takes it back for a foreign origin.
      if (req.method !== 'OPTIONS') {
        if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
        return next();
      }
      const botId = typeof req.query.botId === 'string' ? req.query.botId : undefined;
      if (!origin || !(await permitted(req, botId))) {
        throw new HttpError(403, 'visitor.origin_not_allowed', 'This origin may not call this bot');
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
    },
    async check(req, botId) {
      const origin = req.get('origin');
      if (!(await permitted(req, botId))) {
        req.res!.removeHeader('Access-Control-Allow-Origin');
        throw new HttpError(403, 'visitor.origin_not_allowed', 'This origin may not call this bot');
      }
      if (origin) req.res!.setHeader('Access-Control-Allow-Origin', origin);
    },
  };
}
