import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/** Assigns variables in document order; each expression sees the assignments before it. */
export const lowerSet: NodeLowerer<'set'> = (node, cx) => {
  const n = cx.key(node.id);
  return {
    state: { entry: act('set', n), always: cx.to(node.next) },
    data: { y: 'set', a: Object.entries(node.assign).map(([name, src]) => [name, cx.expr(src)]) },
  };
};
