import type { Diagnostic } from '../../compiler/diagnostics/types.ts';

export interface ErrorBody {
  error: { code: string; message: string; diagnostics?: Diagnostic[]; details?: unknown };
}

/** The one error type handlers throw: the error middleware turns it into `{error: {code, message, ...}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { diagnostics?: Diagnostic[]; details?: unknown; headers?: Record<string, string> } = {},
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

/** 404 for a resource the caller's organisation does not have (also used for other orgs' ids, so nothing leaks). */
export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, `${what}.not_found`, `No ${what} with id ${JSON.stringify(id)}`);
}
