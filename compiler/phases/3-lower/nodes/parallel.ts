import type { NodeLowerer } from './types.ts';

/**
 * The parallel node's own data. Its state (one region per branch, closed by a final state that
 * stands in for the join) is built by the phase's scope walk, which owns nesting.
 */
export const lowerParallel: NodeLowerer<'parallel'> = (node) => ({
  state: {},
  data: { y: 'parallel', b: node.branches.length },
});
