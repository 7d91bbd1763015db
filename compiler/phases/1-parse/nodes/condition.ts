import { z } from 'zod';
import { expr, nodeRef, nodeSchema } from '../values.ts';

export const condition = nodeSchema('condition', {
  branches: z.array(z.strictObject({ when: expr, next: nodeRef })),
  else: nodeRef,
});
