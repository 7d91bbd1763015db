import { z } from 'zod';
import { nodeSchema, text } from '../values.ts';

export const end = nodeSchema('end', { text: text.optional(), redirect: z.string().optional() });
