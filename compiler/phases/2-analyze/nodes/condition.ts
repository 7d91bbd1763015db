import type { NodeVisitor } from '../visitor.ts';

export const condition: NodeVisitor<'condition'> = {
  waits: false,
  edges: (node) => [
    ...node.branches.map((b, i) => ({ target: b.next, field: `branches[${i}].next` })),
    { target: node.else, field: 'else' },
  ],
  check(node, cx) {
    node.branches.forEach((b, i) => cx.expr(`branches[${i}].when`, b.when));
  },
};
