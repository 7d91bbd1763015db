import { d } from '../../../diagnostics/catalogue.ts';
import type { NodeVisitor } from '../visitor.ts';

export const split: NodeVisitor<'split'> = {
  waits: false,
  edges: (node) => node.branches.map((b, i) => ({ target: b.next, field: `branches[${i}].next` })),
  check(node, cx) {
    if (node.branches.length === 0)
      cx.report(d.split_bad_weights(cx.at('branches'), 'a split needs at least one branch'));
    node.branches.forEach((b, i) => {
      if (!(b.weight > 0 && Number.isFinite(b.weight))) {
        cx.report(d.split_bad_weights(cx.at(`branches[${i}].weight`), `weight ${b.weight} must be a positive number`));
      }
    });
  },
};
