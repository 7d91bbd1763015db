import type { Graph } from './graph.ts';

/** Ids of the nodes reachable from `start` (empty when `start` names no node). */
export function reachableFrom(g: Graph, start: string): Set<string> {
  const seen = new Set<string>();
  if (!g.byId.has(start)) return seen;
  const queue = [start];
  seen.add(start);
  for (let i = 0; i < queue.length; i++) {
    for (const next of g.succ(queue[i])) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
