import type { NodeLowerer } from './types.ts';
import { act, guard } from './types.ts';

/** Buttons: the prompt is said on entry; event `c:<key>` carries the chosen option indexes. */
export const lowerChoice: NodeLowerer<'choice'> = (node, cx) => {
  const n = cx.key(node.id);
  const locale = cx.scenario.locale ?? 'en';
  const options = node.options.map((o) => ({
    l: cx.text(o.label),
    v:
      o.value !== undefined
        ? o.value
        : typeof o.label === 'string'
          ? o.label
          : (o.label[locale] ?? Object.values(o.label)[0] ?? ''),
  }));
  return {
    state: {
      entry: act('say', n),
      on: {
        ['c:' + n]: node.options.map((o, i) => ({
          guard: guard('opt', { n, i }),
          target: cx.to(o.next),
          actions: act('pick', n),
        })),
      },
    },
    data: {
      y: 'choice',
      t: cx.text(node.prompt),
      o: options,
      ...(node.var ? { r: node.var } : {}),
      ...(node.multiple ? { m: 1 } : {}),
    },
  };
};
