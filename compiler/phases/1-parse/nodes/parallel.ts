import { z } from 'zod';
import { nodeRef, nodeSchema } from '../values.ts';

export const parallel = nodeSchema('parallel', { branches: z.array(nodeRef), join: nodeRef });
