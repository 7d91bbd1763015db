import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/** Runs the compensations recorded since the last checkpoint, newest first, then goes on. */
export const lowerRollback: NodeLowerer<'rollback'> = (node, cx) => {
  const n = cx.key(node.id);
  cx.use('http');
  cx.use('checkpoint');
  return {
    state: {
      entry: act('visit', n),
      invoke: { id: 'i:' + n, src: 'rb', input: { n } },
      on: {
        ['ok:' + n]: { target: cx.to(node.next), actions: act('cp', n) },
        ['no:' + n]: { target: cx.to(node.next), actions: [act('cp', n), act('incident', n)] },
      },
    },
    data: { y: 'rollback' },
  };
};
