import { z } from 'zod';
import { httpHeaders, httpMethod, nodeRef, nodeSchema, text } from '../values.ts';

const retry = z.strictObject({
  max: z.number().int().min(0).optional(),
  backoff: z.string().optional(),
  factor: z.number().min(1).optional(),
  maxDelay: z.string().optional(),
});

const compensate = z.strictObject({
  method: httpMethod,
  url: text,
  headers: httpHeaders.optional(),
  body: z.unknown().optional(),
});

export const http = nodeSchema('http', {
  method: httpMethod,
  url: text,
  headers: httpHeaders.optional(),
  body: z.unknown().optional(),
  timeout: z.string().optional(),
  retry: retry.optional(),
  save: z.record(z.string(), z.string()).optional(),
  background: z.boolean().optional(),
  compensate: compensate.optional(),
  next: nodeRef,
  onError: nodeRef.optional(),
});
