import type { NodeLowerer } from './types.ts';
import { act, guard } from './types.ts';

/** Lower-cases and strips punctuation at compile time so the browser only has to split on spaces. */
export function normalizeExample(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Free text routed by keyword and fuzzy match against each intent's examples; no match goes to `else`. */
export const lowerIntent: NodeLowerer<'intent'> = (node, cx) => {
  const n = cx.key(node.id);
  return {
    state: {
      ...(node.prompt !== undefined ? { entry: act('say', n) } : {}),
      on: {
        ['x:' + n]: [
          ...node.intents.map((it, i) => ({
            guard: guard('intent', { n, i }),
            target: cx.to(it.next),
            actions: act('heard', n),
          })),
          { target: cx.to(node.else), actions: act('heard', n) },
        ],
      },
    },
    data: {
      y: 'intent',
      ...(node.prompt !== undefined ? { t: cx.text(node.prompt) } : {}),
      ...(node.var ? { r: node.var } : {}),
      I: node.intents.map((it) => it.examples.map(normalizeExample).filter(Boolean)),
    },
  };
};
