import type { DiagnosticCode } from '../diagnostics/catalogue.ts';
import type { ExprError } from './types.ts';

/**
 * Expression problems, thrown inside the expression compiler only and caught by its entry points,
 * which turn them into `{ ok: false, error }`. `pos` is a 0-based offset in the source.
 */
export class ExprFailure extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }

  /** The public, 1-based form of this failure. */
  toError(offset = 0): ExprError {
    return { code: this.code, message: this.message, column: this.pos + offset + 1 };
  }
}

/** Throws an `expr.syntax` failure at `pos`. */
export function syntax(message: string, pos: number): never {
  throw new ExprFailure('expr.syntax', message, pos);
}
