import { z } from 'zod';
import { nodeRef, nodeSchema, text } from '../values.ts';

export const message = nodeSchema('message', { text, image: z.string().optional(), next: nodeRef });
