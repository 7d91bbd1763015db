import { z } from 'zod';

const startOn = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open') }),
  z.strictObject({ type: z.literal('load') }),
  z.strictObject({ type: z.literal('delay'), after: z.string() }),
  z.strictObject({ type: z.literal('scroll'), percent: z.number().min(0).max(100) }),
  z.strictObject({ type: z.literal('exit') }),
  z.strictObject({ type: z.literal('event'), name: z.string().min(1) }),
]);

/**
 * `settings.results`. Shapes only: whether the collected names are variables, whether they look like
 * secrets and whether retentionDays is in range are the analyze phase's coded findings.
 */
const results = z.strictObject({
  collect: z.array(z.string().min(1)).superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `repeats ${JSON.stringify(name)}; name each variable once`,
        });
    });
  }),
  retentionDays: z.number().optional(),
  consent: z.strictObject({ variable: z.string().min(1), accept: z.string().min(1) }).optional(),
});

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
  results: results.optional(),
});
