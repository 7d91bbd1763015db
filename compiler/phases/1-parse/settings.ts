import { z } from 'zod';

const startOn = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open') }),
  z.strictObject({ type: z.literal('load') }),
  z.strictObject({ type: z.literal('delay'), after: z.string() }),
  z.strictObject({ type: z.literal('scroll'), percent: z.number().min(0).max(100) }),
  z.strictObject({ type: z.literal('exit') }),
  z.strictObject({ type: z.literal('event'), name: z.string().min(1) }),
]);

/** The `settings` object; durations and theme values are checked further by the analyze phase. */
export const settings = z.strictObject({
  mode: z.enum(['bubble', 'inline', 'popup']).optional(),
  target: z.string().optional(),
  startOn: startOn.optional(),
  typingDelay: z.string().optional(),
  longTimerThreshold: z.string().optional(),
  // Values typed optional only to match the model's index signature; JSON has no undefined.
  theme: z.record(z.string(), z.string().optional()).optional(),
  allowedOrigins: z.array(z.string()).optional(),
});
