import { z } from 'zod';
import { expr, nodeRef, nodeSchema } from '../values.ts';

export const set = nodeSchema('set', { assign: z.record(z.string(), expr), next: nodeRef });
