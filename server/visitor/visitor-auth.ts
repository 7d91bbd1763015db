import type { Request, RequestHandler } from 'express';
import type { RestErrorCode } from '../../rest/index.ts';
import { apiError, type HttpError } from '../http/http-error.ts';
import type { VisitorClaims, VisitorTokens } from './visitor-token.ts';

declare global {
  namespace Express {
    interface Request {
      /** The bot and visitor a visitor token speaks for; set by `visitorAuth()`. */
      visitor?: VisitorClaims;
    }
  }
}

/**
 * Accepts only a visitor token: `Authorization: Bearer` or, for EventSource which cannot send headers,
 * `?token=`. A request that names its bot (`?botId=`) must name the token's bot.
 */
export function visitorAuth(tokens: () => VisitorTokens): RequestHandler {
  return function visitorAuth(req, res, next) {
    // A refused token's code must be readable cross-origin: the runtime exchanges its visitor id again on a 401.
    // Saying "your token is bad" to any page reveals nothing; a good token's request is checked against its bot's origins next.
    const origin = req.get('origin');
    if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
    const token = bearer(req) ?? (typeof req.query.token === 'string' ? req.query.token : undefined);
    if (!token) throw refused('visitor.bad_token', 'A visitor token is required');
    const result = tokens().verify(token);
    if (!result.ok) {
      throw result.reason === 'token_expired'
        ? refused('visitor.token_expired', 'The visitor token has expired; exchange the visitor id again')
        : refused('visitor.bad_token', 'The visitor token is not valid');
    }
    const named = typeof req.query.botId === 'string' ? req.query.botId : undefined;
    if (named !== undefined && named !== result.claims.botId) {
      throw refused('visitor.wrong_bot', 'This visitor token belongs to another bot');
    }
    if (origin) res.removeHeader('Access-Control-Allow-Origin');
    req.visitor = result.claims;
    next();
  };
}

/** The verified visitor of a request; only routes behind `visitorAuth()` call this. */
export function visitorOf(req: Request): VisitorClaims {
  if (!req.visitor) throw refused('visitor.bad_token', 'A visitor token is required');
  return req.visitor;
}

function bearer(req: Request): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/** The visitor endpoints' refusals: a visitor.* code of the catalogue, with a sentence saying which check failed. */
function refused(code: RestErrorCode & `visitor.${string}`, message: string): HttpError {
  return apiError(code, { message });
}
