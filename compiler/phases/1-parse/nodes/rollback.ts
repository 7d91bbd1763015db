import { nodeRef, nodeSchema } from '../values.ts';

export const rollback = nodeSchema('rollback', { next: nodeRef });
