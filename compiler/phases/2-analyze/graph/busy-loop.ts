import { d } from '../../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../../diagnostics/types.ts';
import type { ScenarioNode } from '../../../model/types.ts';
import type { Graph } from './graph.ts';

/**
 * Strongly connected components (Tarjan), iteratively so a long chain cannot exhaust the stack.
 * Components come out in reverse topological order, each as ids.
 */
export function stronglyConnected(ids: readonly string[], succ: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    visit(root);
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const v = frame[0];
      const children = succ(v);
      if (frame[1] < children.length) {
        const w = children[frame[1]++];
        if (!index.has(w)) {
          visit(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        out.push(component);
      }
    }
  }
  return out;
}

/** Reports every loop in which no node waits for the visitor or the clock: it would spin forever. */
export function checkBusyLoops(
  g: Graph,
  waits: (node: ScenarioNode) => boolean,
  report: (x: Diagnostic) => void,
): void {
  const order = new Map(g.nodes.map((n, i) => [n.id, i]));
  for (const component of stronglyConnected(
    g.nodes.map((n) => n.id),
    g.succ,
  )) {
    const isLoop = component.length > 1 || g.succ(component[0]).includes(component[0]);
    if (!isLoop || component.some((id) => waits(g.byId.get(id)!))) continue;
    component.sort((a, b) => order.get(a)! - order.get(b)!);
    report(d.graph_busy_loop(g.at(component[0]), component));
  }
}
