import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { HttpError } from './http-error.ts';
import { zodDetails } from './validate.ts';

/** The last route: anything unmatched is a coded 404. */
export function routeNotFound(): RequestHandler {
  return function routeNotFound(req, _res, next) {
    next(new HttpError(404, 'route.not_found', `No route for ${req.method} ${req.path}`));
  };
}

/**
 * Registered last. Turns every error into `{error: {code, message}}` with its status.
 * Unknown errors are logged with their stack and answered as a bare 500: a stack never leaves the server.
 */
export function errorHandler(): ErrorRequestHandler {
  return function errorHandler(err, req, res, _next) {
    const httpError = toHttpError(err);
    if (httpError.status >= 500) req.log?.error({ err }, 'request failed');
    else req.log?.debug({ code: httpError.code }, 'request refused');
    if (res.headersSent) {
      // Too late for a JSON error: cut the response so the client sees it as broken, not complete.
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(httpError.extra.headers ?? {})) res.setHeader(name, value);
    res.status(httpError.status).json(httpError.toBody());
  };
}

/** Body-parser errors carry a `type`; these are the ones a client can cause. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'request.malformed_json', 'The request body is not valid JSON'],
  'entity.too.large': [413, 'request.too_large', 'The request body is too large'],
  'encoding.unsupported': [415, 'request.unsupported_encoding', 'The request body encoding is not supported'],
  'charset.unsupported': [415, 'request.unsupported_charset', 'The request body charset is not supported'],
  'request.aborted': [400, 'request.aborted', 'The request was aborted'],
  'request.size.invalid': [400, 'request.invalid', 'The request body is shorter or longer than its Content-Length'],
};

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) {
    return new HttpError(400, 'request.invalid', 'The request is invalid', { details: zodDetails(err) });
  }
  const type = (err as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && BODY_ERRORS[type]) {
    const [status, code, message] = BODY_ERRORS[type];
    return new HttpError(status, code, message);
  }
  // Text PostgreSQL cannot store (NUL, invalid UTF-8) that slipped past validation is the caller's input, not our bug.
  const sqlState = (err as { code?: unknown } | null)?.code;
  if (sqlState === '22021' || sqlState === '22P05') {
    return new HttpError(400, 'request.invalid', 'The request contains characters that cannot be stored');
  }
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, 'request.invalid', 'The request could not be processed');
  }
  return new HttpError(500, 'internal', 'Internal server error');
}
