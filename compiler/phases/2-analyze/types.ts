import type { NodeType, ScenarioNode } from '../../model/types.ts';

/** What the analyze phase learns about a scenario; later phases read it and never re-derive it. */
export interface Analysis {
  /** Every node by id (first occurrence wins when ids are duplicated). */
  byId: Map<string, ScenarioNode>;
  /** Ids of the nodes reachable from `start`. */
  reachable: Set<string>;
  /**
   * Every variable the scenario declares in `variables` or assigns anywhere (set, choice/input/intent var,
   * http save, `handoff` from a handoff node), and `page`, the read-only page context. Wait event data merges into variables at run time, but its
   * names are unknown at compile time: authors declare the ones they read in `variables`.
   */
  variables: Set<string>;
  /** The node types of reachable nodes; emit uses it to leave out runtime code for unused types. */
  nodeTypes: Set<NodeType>;
  /**
   * For each parallel node id: one entry per branch, in `branches` order, listing the ids of the
   * nodes that belong to that branch (reachable from the branch start without passing the join).
   * Only filled for parallel nodes whose regions are valid.
   */
  regions: Map<string, string[][]>;
  /**
   * The bundle needs page context (`page.url`, `page.utm.source`…): an expression, template or script
   * reads `page`, or `settings.results.collect` names a page field.
   */
  pageContext: boolean;
}
