import { z } from 'zod';
import { nodeRef, nodeSchema } from '../values.ts';

// Any number parses; the analyze phase reports weights that are not positive as `split.bad_weights`.
export const split = nodeSchema('split', {
  branches: z.array(z.strictObject({ weight: z.number(), next: nodeRef })),
});
