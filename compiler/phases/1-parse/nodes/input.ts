import { z } from 'zod';
import { nodeRef, nodeSchema, text } from '../values.ts';

export const input = nodeSchema('input', {
  prompt: text,
  var: z.string(),
  input: z.enum(['text', 'email', 'phone', 'number', 'date', 'url', 'regex']),
  pattern: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  retryText: text.optional(),
  next: nodeRef,
});
