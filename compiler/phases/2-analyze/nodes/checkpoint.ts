import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

export const checkpoint: NodeVisitor<'checkpoint'> = {
  waits: false,
  edges: (node) => refs(node, 'next'),
};
