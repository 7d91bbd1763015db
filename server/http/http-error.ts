import type { Diagnostic } from '../../compiler/index.ts';
import { REST_ERRORS, type NotFoundSubject, type RestErrorCode } from '../../rest/index.ts';

export interface ErrorBody {
  error: { code: string; message: string; diagnostics?: Diagnostic[]; details?: unknown };
}

/** What an error answer may carry besides its code and message. */
export interface HttpErrorExtra {
  diagnostics?: Diagnostic[];
  details?: unknown;
  headers?: Record<string, string>;
}

/**
 * The one error type handlers throw: the error middleware turns it into `{error: {code, message, ...}}`. Make one
 * with `apiError`, which takes the status from the catalogue (`rest/errors.ts`); the code is typed, so a code the
 * catalogue lacks does not compile.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: RestErrorCode,
    message: string,
    readonly extra: HttpErrorExtra = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** The JSON body for this error; never includes a stack. */
  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.extra.diagnostics) body.error.diagnostics = this.extra.diagnostics;
    if (this.extra.details !== undefined) body.error.details = this.extra.details;
    return body;
  }
}

/**
 * The error for a catalogued code, with the catalogue's status; `message` replaces the default sentence when the
 * route can say more (which id, which field).
 */
export function apiError(code: RestErrorCode, options: HttpErrorExtra & { message?: string } = {}): HttpError {
  const { message, ...extra } = options;
  return new HttpError(REST_ERRORS[code].status, code, message ?? REST_ERRORS[code].message, extra);
}

/** 404 for a resource the caller's organisation does not have (also used for other orgs' ids, so nothing leaks). */
export function notFound(what: NotFoundSubject, id: string): HttpError {
  return apiError(`${what}.not_found`, { message: `No ${what} with id ${JSON.stringify(id)}` });
}
