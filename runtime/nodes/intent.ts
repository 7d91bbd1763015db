import { assign } from 'xstate';
import type { NodeModule, On } from '../types.ts';
import { add } from '../base.ts';

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Two words match when equal, one is a prefix (4+ letters) of the other, or they differ by one edit. */
function near(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length > 3 && b.length > 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  if (Math.abs(a.length - b.length) > 1 || a.length < 4) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const ra = a.slice(i + 1),
    rb = b.slice(i + 1);
  return ra === rb || a.slice(i) === rb || ra === b.slice(i);
}

/**
 * The index of the best-matching intent, or -1. An example scores the share of its words found
 * (fuzzily) in the text; the best example above one half wins, ties to the earlier intent.
 */
export function bestIntent(intents: string[][], text: string): number {
  const got = words(text);
  let best = -1,
    top = 0.5;
  intents.forEach((examples, i) => {
    for (const ex of examples) {
      const w = ex.split(' ');
      const score = w.filter((x) => got.some((g) => near(g, x))).length / w.length;
      if (score > top || (score === 1 && top < 1)) ((top = score), (best = i));
    }
  });
  return best;
}

/** Routes free text by keyword and fuzzy match, entirely in the browser. */
const intent: NodeModule<'intent'> = (R) => ({
  g: { intent: ({ event: e }, { n, i }) => bestIntent(R.N[n].I, (e as On<'x'>['event']).x) === i },
  a: {
    heard: assign(({ context: c, event: e }: On<'x'>, { n }: { n: string }) => ({
      v: R.N[n].r ? { ...c.v, [R.N[n].r]: e.x } : c.v,
      t: add(c, { f: 'u', x: String(e.x) }),
    })),
  },
});
export default intent;
