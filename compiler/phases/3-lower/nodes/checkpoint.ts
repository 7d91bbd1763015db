import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/** Opens a new transaction scope: compensations recorded before it are no longer rolled back. */
export const lowerCheckpoint: NodeLowerer<'checkpoint'> = (node, cx) => ({
  state: { entry: act('cp', cx.key(node.id)), always: cx.to(node.next) },
  data: { y: 'checkpoint' },
});
