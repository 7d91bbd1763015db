import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/** The conversation is over; an optional redirect is followed by the page once the text is shown. */
export const lowerEnd: NodeLowerer<'end'> = (node, cx) => {
  const n = cx.key(node.id);
  return {
    state: { type: 'final', ...(node.text !== undefined ? { entry: act('say', n) } : {}) },
    data: {
      y: 'end',
      ...(node.text !== undefined ? { t: cx.text(node.text) } : {}),
      ...(node.redirect && /^https?:\/\//i.test(node.redirect) ? { r: node.redirect } : {}),
    },
  };
};
