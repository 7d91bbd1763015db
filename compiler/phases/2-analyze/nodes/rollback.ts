import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

export const rollback: NodeVisitor<'rollback'> = {
  waits: false,
  edges: (node) => refs(node, 'next'),
};
