import type { NodeLowerer } from './types.ts';

/** Reached when every branch of its parallel is done (the parallel state's `onDone`). */
export const lowerJoin: NodeLowerer<'join'> = (node, cx) => ({
  state: { always: cx.to(node.next) },
  data: { y: 'join' },
});
