import type { Request } from 'express';
import { apiError } from './http-error.ts';

/** A named path parameter as a string (Express types allow arrays for wildcard segments, which our routes never use). */
export function pathParam(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown>)[name];
  if (typeof value !== 'string') throw apiError('request.invalid', { message: `Missing path parameter ${name}` });
  return value;
}
