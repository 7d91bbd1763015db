import type { NodeModule } from '../types.ts';

/** FNV-1a: a stable number in [0, 1) for a string, so a visitor always lands in the same branch. */
export function unit(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** The branch index a visitor takes, by weight. */
export function branchOf(weights: number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) if (u * total < (acc += weights[i])) return i;
  return weights.length - 1;
}

/** A/B split, sticky per visitor: the branch is a function of visitor id and node. */
const split: NodeModule<'split'> = (R) => ({
  g: { split: (_, { n, i }) => branchOf(R.N[n].w, unit(R.vid + '|' + n)) === i },
});
export default split;
