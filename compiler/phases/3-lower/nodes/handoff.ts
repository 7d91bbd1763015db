import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';
import { uiText } from '../ui-strings.ts';

/**
 * Waits for a human manager (docs/visitor-protocol.md). While waiting, the manager's events
 * (`h:joined`, `h:msg`) add to the transcript and the visitor's text (`x:<key>`) goes to the
 * manager. Resolution (`h:done`) asks for a 1–5 rating, then continues at `next`; a timeout or a
 * server that cannot be reached (`h:timeout`) continues at `onTimeout` (or `next`).
 */
export const lowerHandoff: NodeLowerer<'handoff'> = (node, cx) => {
  const n = cx.key(node.id);
  const rate = n + '/rate';
  cx.use('delay');
  cx.use('choice');
  // The visit number keys the task: a reload finds the same task, a second visit makes a new one.
  const entry = [
    act('visit', n),
    ...(node.timeout !== undefined ? [act('due', n)] : []),
    ...(node.text !== undefined ? [act('say', n)] : []),
  ];
  const lang = cx.scenario.locale ?? 'en';
  return {
    state: {
      entry,
      invoke: { id: 'i:' + n, src: 'handoff', input: { n } },
      on: {
        'h:joined': { actions: act('hjoin', n) },
        'h:msg': { actions: act('hmsg', n) },
        ['x:' + n]: { actions: [act('hsay', n), act('hfwd', n)] },
        'h:done': { target: rate, actions: act('hres', n) },
        'h:timeout': { target: cx.to(node.onTimeout ?? node.next), actions: act('hto', n) },
      },
    },
    data: {
      y: 'handoff',
      ...(node.queue ? { q: node.queue } : {}),
      d: node.timeout !== undefined ? cx.duration(node.timeout) : 0,
      ...(node.text !== undefined ? { t: cx.text(node.text) } : {}),
    },
    extra: {
      [rate]: {
        state: {
          entry: act('say', rate),
          on: { ['c:' + rate]: { target: cx.to(node.next), actions: [act('pick', rate), act('hrate', rate)] } },
        },
        data: {
          y: 'choice',
          t: uiText(cx.scenario, 'rate', lang),
          o: [...[1, 2, 3, 4, 5].map((v) => ({ l: v + ' ★', v })), { l: uiText(cx.scenario, 'skip', lang), v: 0 }],
        },
      },
    },
  };
};
