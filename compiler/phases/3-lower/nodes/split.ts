import type { NodeLowerer } from './types.ts';
import { guard } from './types.ts';

/** A/B split: the runtime hashes visitor and node, so each visitor always takes the same branch. */
export const lowerSplit: NodeLowerer<'split'> = (node, cx) => {
  const n = cx.key(node.id);
  const last = node.branches.length - 1;
  return {
    state: {
      always: node.branches.map((b, i) =>
        i === last ? { target: cx.to(b.next) } : { guard: guard('split', { n, i }), target: cx.to(b.next) },
      ),
    },
    data: { y: 'split', w: node.branches.map((b) => b.weight) },
  };
};
