import type { At } from '../../../diagnostics/catalogue.ts';
import type { ScenarioNode } from '../../../model/types.ts';
import type { Edge } from '../visitor.ts';

/** A reference seen from its target: which node holds it, in which field. */
export interface InEdge {
  from: string;
  field: string;
}

/** The scenario as a graph over its nodes (the first node of each id), built once per analysis. */
export interface Graph {
  /** First occurrence of each id, in document order. */
  nodes: ScenarioNode[];
  byId: Map<string, ScenarioNode>;
  /** Ids of existing nodes a node leads to, without repeats. */
  succ(id: string): string[];
  /** References to a node from existing nodes. */
  preds(id: string): InEdge[];
  /** True when one of the node's references names no node. */
  hasMissingTarget(id: string): boolean;
  /** The location of a node, or of one of its fields. */
  at(id: string, field?: string): At;
}

/** Builds the graph; `pathOf` gives a node's JSON path, `edgesOf` its references. */
export function buildGraph(
  nodes: ScenarioNode[],
  byId: Map<string, ScenarioNode>,
  pathOf: (node: ScenarioNode) => string,
  edgesOf: (node: ScenarioNode) => Edge[],
): Graph {
  const succ = new Map<string, string[]>();
  const preds = new Map<string, InEdge[]>();
  const missing = new Set<string>();
  for (const node of nodes) {
    const out = new Set<string>();
    for (const e of edgesOf(node)) {
      if (!byId.has(e.target)) {
        missing.add(node.id);
        continue;
      }
      out.add(e.target);
      let list = preds.get(e.target);
      if (!list) preds.set(e.target, (list = []));
      list.push({ from: node.id, field: e.field });
    }
    succ.set(node.id, [...out]);
  }
  return {
    nodes,
    byId,
    succ: (id) => succ.get(id) ?? [],
    preds: (id) => preds.get(id) ?? [],
    hasMissingTarget: (id) => missing.has(id),
    at(id, field) {
      const node = byId.get(id);
      const base = node ? pathOf(node) : undefined;
      return { nodeId: id, path: base && field ? `${base}.${field}` : base };
    },
  };
}
