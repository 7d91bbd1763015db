import { z } from 'zod';
import { duration, nodeRef, nodeSchema, text } from '../values.ts';

export const handoff = nodeSchema('handoff', {
  queue: z.string().optional(),
  text: text.optional(),
  timeout: duration.optional(),
  next: nodeRef,
  onTimeout: nodeRef.optional(),
});
