import type { Request, RequestHandler, Response } from 'express';
import { apiError } from './http-error.ts';
import { normaliseOrigin, SameOrigin } from './same-origin.ts';

/**
 * The origins allowed to call for this request (typically the bot's `botVisitorSettings(botId).allowedOrigins`),
 * or null when the request does not say which bot it is for yet (a preflight carries no token and no body).
 */
export type AllowedOriginsFor = (req: Request) => Promise<readonly string[] | null> | readonly string[] | null;

const ALLOW_METHODS = 'GET, POST, PUT, DELETE';
const ALLOW_HEADERS = 'Authorization, Content-Type, Last-Event-ID, Idempotency-Key';
const EXPOSE_HEADERS = 'Retry-After, X-Request-Id';

/**
 * CORS for the visitor endpoints, which landing pages call cross-origin. Only a bot's allowed origins (and this
 * server's own origin) get access; any other `Origin` is refused with `403 visitor.origin_not_allowed`.
 * - A request without `Origin`, or from our own origin, is not cross-origin: it passes untouched.
 * - A preflight is answered here: 204 with the allowed methods and headers, or 403. When `allowedOrigins` answers
 *   null (it cannot tell the bot yet), the preflight is allowed and the real request is checked.
 * - A real request from an allowed origin gets `Access-Control-Allow-Origin: <that origin>`. One for which
 *   `allowedOrigins` answers null passes without CORS headers, so a browser cannot read the answer.
 * Every answer carries `Vary: Origin`. No credentials (cookies) are allowed: visitors use bearer tokens.
 */
export function visitorCors(
  allowedOrigins: AllowedOriginsFor,
  options: {
    maxAgeSeconds?: number;
    /** Treat a bot with no allowed origins as open to every origin. */ emptyAllowsAny?: boolean;
  } = {},
): RequestHandler {
  return async function visitorCors(req, res, next) {
    res.vary('Origin');
    const origin = req.get('origin');
    if (!origin) return next();
    const sameOrigin: SameOrigin | undefined = req.app.locals.sameOrigin;
    const normalised = normaliseOrigin(origin);
    if (normalised && (sameOrigin ? sameOrigin.matches(normalised, req) : ownOrigin(req) === normalised)) return next();

    const preflight = req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined;
    const fromBot = await allowedOrigins(req);
    const allowed = fromBot && fromBot.length === 0 && options.emptyAllowsAny ? [normalised ?? origin] : fromBot;
    const listed = allowed !== null && normalised !== null && allowed.some((o) => normaliseOrigin(o) === normalised);
    if (allowed !== null && !listed) {
      throw apiError('visitor.origin_not_allowed', { message: `Origin ${origin} is not allowed for this bot` });
    }
    if (preflight) {
      allow(res, origin);
      res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
      res.setHeader('Access-Control-Max-Age', String(options.maxAgeSeconds ?? 600));
      res.status(204).end();
      return;
    }
    if (listed) {
      allow(res, origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    next();
  };
}

function allow(res: Response, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
}

function ownOrigin(req: Request): string | null {
  const host = req.get('host');
  return host ? normaliseOrigin(`${req.protocol}://${host}`) : null;
}
