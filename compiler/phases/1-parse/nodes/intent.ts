import { z } from 'zod';
import { nodeRef, nodeSchema, text } from '../values.ts';

const intentCase = z.strictObject({ name: z.string(), examples: z.array(z.string()), next: nodeRef });

export const intent = nodeSchema('intent', {
  prompt: text.optional(),
  var: z.string().optional(),
  intents: z.array(intentCase),
  else: nodeRef,
});
