import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

export const handoff: NodeVisitor<'handoff'> = {
  waits: true,
  edges: (node) => refs(node, 'next', 'onTimeout'),
  // The manager's outcome arrives as `handoff.outcome`, with any variables the manager set.
  assigns: () => [{ name: 'handoff' }],
  check(node, cx) {
    cx.text('text', node.text);
    cx.duration('timeout', node.timeout);
  },
};
