import type { NodeVisitor } from '../visitor.ts';
import { checkUrl } from '../urls.ts';

export const end: NodeVisitor<'end'> = {
  waits: false,
  edges: () => [],
  check(node, cx) {
    cx.text('text', node.text);
    if (node.redirect !== undefined) checkUrl(node.redirect, 'redirect', cx);
  },
};
