import type { NodeLowerer } from './types.ts';
import { act, guard } from './types.ts';

/** Free text validated in the browser; invalid input says `retryText` and asks again. */
export const lowerInput: NodeLowerer<'input'> = (node, cx) => {
  const n = cx.key(node.id);
  return {
    state: {
      entry: act('say', n),
      on: {
        ['x:' + n]: [
          { guard: guard('valid', { n }), target: cx.to(node.next), actions: act('take', n) },
          { actions: act('retry', n) },
        ],
      },
    },
    data: {
      y: 'input',
      t: cx.text(node.prompt),
      r: node.var,
      k: node.input,
      ...(node.pattern !== undefined ? { x: node.pattern } : {}),
      ...(node.min !== undefined ? { lo: node.min } : {}),
      ...(node.max !== undefined ? { hi: node.max } : {}),
      ...(node.retryText !== undefined ? { e: cx.text(node.retryText) } : {}),
    },
  };
};
