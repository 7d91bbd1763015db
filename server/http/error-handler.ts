import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { RestErrorCode } from '../../rest/index.ts';
import { apiError, HttpError } from './http-error.ts';
import { zodDetails } from './validate.ts';

/** The last route: anything unmatched is a coded 404. */
export function routeNotFound(): RequestHandler {
  return function routeNotFound(req, _res, next) {
    next(apiError('route.not_found', { message: `No route for ${req.method} ${req.path}` }));
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
const BODY_ERRORS: Record<string, { code: RestErrorCode; message?: string }> = {
  'entity.parse.failed': { code: 'request.malformed_json' },
  'entity.too.large': { code: 'request.too_large' },
  'encoding.unsupported': { code: 'request.unsupported_encoding' },
  'charset.unsupported': { code: 'request.unsupported_charset' },
  'request.aborted': { code: 'request.aborted' },
  'request.size.invalid': {
    code: 'request.invalid',
    message: 'The request body is shorter or longer than its Content-Length',
  },
};

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) {
    return apiError('request.invalid', { message: 'The request is invalid', details: zodDetails(err) });
  }
  const type = (err as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && BODY_ERRORS[type]) {
    const { code, message } = BODY_ERRORS[type];
    return apiError(code, { message });
  }
  // Text PostgreSQL cannot store (NUL, invalid UTF-8) that slipped past validation is the caller's input, not our bug.
  const sqlState = (err as { code?: unknown } | null)?.code;
  if (sqlState === '22021' || sqlState === '22P05') {
    return apiError('request.invalid', { message: 'The request contains characters that cannot be stored' });
  }
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // A library's own 4xx (express's static files, say) keeps its status: the one place a code's status varies.
    return new HttpError(status, 'request.invalid', 'The request could not be processed');
  }
  return apiError('internal');
}
