import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/**
 * A pause. Entry stores the absolute due time in context; the `timer` actor arms it with
 * `due − now`, so a restored conversation keeps its original due time.
 */
export const lowerDelay: NodeLowerer<'delay'> = (node, cx) => {
  const n = cx.key(node.id);
  const entry = [act('due', n), ...(node.text !== undefined ? [act('say', n)] : [])];
  return {
    state: { entry, invoke: { id: 'i:' + n, src: 'timer', input: { n } }, on: { ['t:' + n]: cx.to(node.next) } },
    data: {
      y: 'delay',
      ...(node.until !== undefined
        ? { d: { e: cx.expr(node.until) }, u: 1 }
        : { d: node.duration !== undefined ? cx.duration(node.duration) : 0 }),
      ...(node.text !== undefined ? { t: cx.text(node.text) } : {}),
    },
  };
};
