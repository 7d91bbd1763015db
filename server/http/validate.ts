import type { Request } from 'express';
import type { z, ZodError } from 'zod';
import { apiError } from './http-error.ts';

export interface IssueDetail {
  path: string;
  message: string;
  code: string;
}

/** zod issues as plain data for the `details` of a 400. */
export function zodDetails(error: ZodError): IssueDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** Parses the JSON body with `schema`, or throws a 400 `request.invalid` listing what is wrong. */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (req.body === undefined) {
    throw apiError('request.invalid', { message: 'Expected a JSON body with Content-Type: application/json' });
  }
  const result = schema.safeParse(req.body);
  if (!result.success) {
    throw apiError('request.invalid', { message: 'The request body is invalid', details: zodDetails(result.error) });
  }
  return result.data;
}
