import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/**
 * Author code compiled into the bundle as an async function of `vars`. It runs as an invoked
 * promise actor, so a throw is an incident that follows `onError`.
 */
export const lowerScript: NodeLowerer<'script'> = (node, cx) => {
  const n = cx.key(node.id);
  return {
    state: {
      invoke: { id: 'i:' + n, src: 'script', input: { n } },
      on: {
        ['ok:' + n]: { target: cx.to(node.next), actions: act('sv', n) },
        ['no:' + n]: {
          target: node.onError !== undefined ? cx.to(node.onError) : cx.fail(),
          actions: act('incident', n),
        },
      },
    },
    data: { y: 'script', f: { $js: `async function(vars){\n${node.code}\n}` } },
  };
};
