import { z } from 'zod';
import { nodeRef, nodeSchema, text } from '../values.ts';

const option = z.strictObject({ label: text, value: z.unknown().optional(), next: nodeRef });

// An empty `options` list parses; the analyze phase reports it as `choice.no_options`.
export const choice = nodeSchema('choice', {
  prompt: text,
  var: z.string().optional(),
  options: z.array(option),
  multiple: z.boolean().optional(),
});
