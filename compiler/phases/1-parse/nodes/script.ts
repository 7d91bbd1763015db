import { z } from 'zod';
import { nodeRef, nodeSchema } from '../values.ts';

export const script = nodeSchema('script', { code: z.string(), next: nodeRef, onError: nodeRef.optional() });
