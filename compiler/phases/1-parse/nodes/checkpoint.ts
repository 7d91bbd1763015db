import { nodeRef, nodeSchema } from '../values.ts';

export const checkpoint = nodeSchema('checkpoint', { next: nodeRef });
