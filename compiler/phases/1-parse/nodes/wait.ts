import { z } from 'zod';
import { duration, nodeRef, nodeSchema } from '../values.ts';

export const wait = nodeSchema('wait', {
  events: z.array(z.strictObject({ event: z.string().min(1), next: nodeRef })),
  timeout: duration.optional(),
  onTimeout: nodeRef.optional(),
});
