import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

export const join: NodeVisitor<'join'> = {
  waits: false,
  edges: (node) => refs(node, 'next'),
};
