import { nodeRef, nodeSchema } from '../values.ts';

export const join = nodeSchema('join', { next: nodeRef });
