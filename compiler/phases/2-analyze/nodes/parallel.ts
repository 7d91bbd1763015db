import { d } from '../../../diagnostics/catalogue.ts';
import type { NodeVisitor } from '../visitor.ts';

// Branch regions and the join are checked over the whole graph, in graph/parallel.ts.
export const parallel: NodeVisitor<'parallel'> = {
  waits: false,
  edges: (node) => [
    ...node.branches.map((target, i) => ({ target, field: `branches[${i}]` })),
    { target: node.join, field: 'join' },
  ],
  check(node, cx) {
    if (node.branches.length === 0) cx.report(d.parallel_no_branches(cx.at('branches')));
  },
};
