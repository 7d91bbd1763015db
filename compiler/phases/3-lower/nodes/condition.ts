import type { NodeLowerer } from './types.ts';
import { guard } from './types.ts';

/** The first branch whose expression is true wins, else `else`. */
export const lowerCondition: NodeLowerer<'condition'> = (node, cx) => ({
  state: {
    always: [
      ...node.branches.map((b) => ({ guard: guard('x', { e: cx.expr(b.when) }), target: cx.to(b.next) })),
      { target: cx.to(node.else) },
    ],
  },
  data: { y: 'condition' },
});
