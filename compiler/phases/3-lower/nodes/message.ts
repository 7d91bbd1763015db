import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/** A bot message: said on entry, then straight on. */
export const lowerMessage: NodeLowerer<'message'> = (node, cx) => {
  const n = cx.key(node.id);
  return {
    state: { entry: act('say', n), always: cx.to(node.next) },
    data: { y: 'message', t: cx.text(node.text), ...(node.image ? { i: node.image } : {}) },
  };
};
