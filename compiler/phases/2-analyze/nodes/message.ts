import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';
import { checkUrl } from '../urls.ts';

export const message: NodeVisitor<'message'> = {
  waits: false,
  edges: (node) => refs(node, 'next'),
  check(node, cx) {
    cx.text('text', node.text);
    if (node.image !== undefined) checkUrl(node.image, 'image', cx, { allowDataImage: true });
  },
};
