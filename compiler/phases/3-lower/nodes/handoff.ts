import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/**
 * Waits for a human manager through the server link. Resolution continues at `next`; a timeout,
 * or a server that cannot be reached, continues at `onTimeout` (or `next` when there is none).
 */
export const lowerHandoff: NodeLowerer<'handoff'> = (node, cx) => {
  const n = cx.key(node.id);
  cx.use('delay');
  const entry = [...(node.timeout !== undefined ? [act('due', n)] : []), ...(node.text !== undefined ? [act('say', n)] : [])];
  return {
    state: {
      entry,
      invoke: {
        id: 'i:' + n,
        src: 'handoff',
        input: { n },
        onDone: { target: cx.to(node.next), actions: act('hres', n) },
        onError: { target: cx.to(node.onTimeout ?? node.next), actions: act('hto', n) },
      },
    },
    data: {
      y: 'handoff',
      ...(node.queue ? { q: node.queue } : {}),
      d: node.timeout !== undefined ? cx.duration(node.timeout) : 0,
      ...(node.text !== undefined ? { t: cx.text(node.text) } : {}),
    },
  };
};
