import type { Transitions } from '../../../contract.ts';
import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/** Waits for the first of several page events (`Chatlet.send`), or for the timeout. */
export const lowerWait: NodeLowerer<'wait'> = (node, cx) => {
  const n = cx.key(node.id);
  const on: Record<string, Transitions> = {};
  for (const ev of node.events) {
    // The first listed handler for an event name wins, as the author reads the list.
    on['e:' + ev.event] ??= { target: cx.to(ev.next), actions: act('merge', n) };
  }
  const timed = node.timeout !== undefined && node.onTimeout !== undefined;
  if (timed) {
    cx.use('delay');
    on['t:' + n] = cx.to(node.onTimeout!);
  }
  return {
    state: timed ? { entry: act('due', n), invoke: { id: 'i:' + n, src: 'timer', input: { n } }, on } : { on },
    data: { y: 'wait', ...(timed ? { d: cx.duration(node.timeout!) } : {}) },
  };
};
