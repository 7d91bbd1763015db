import { d } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import type { NodeType, Scenario, ScenarioNode } from '../../model/types.ts';
import { provenanceOf } from '../1-parse/provenance.ts';
import { NodeChecker } from './context.ts';
import { checkBusyLoops } from './graph/busy-loop.ts';
import { buildGraph } from './graph/graph.ts';
import { checkParallels } from './graph/parallel.ts';
import { reachableFrom } from './graph/reachable.ts';
import { edgesOf, visitorOf, waits } from './nodes/index.ts';
import { PAGE, PAGE_NAMES, scriptMayReadPage } from './page-context.ts';
import { checkResults } from './results.ts';
import type { ScriptSyntaxCheck } from './script-syntax.ts';
import { checkSettings } from './settings.ts';
import type { Analysis } from './types.ts';
import { collectVariables } from './variables.ts';

export type { Analysis } from './types.ts';
export type { ScriptSyntaxCheck } from './script-syntax.ts';

/** What a caller brings to the checks. */
export interface AnalyzeOptions {
  /**
   * Checks a script node's syntax. Without it scripts' syntax is not checked: the browser entry
   * does not bundle acorn, so the builder brings a check that loads it (Node's compile brings acorn's).
   */
  scriptSyntax?: ScriptSyntaxCheck;
}

export interface AnalyzeResult {
  analysis: Analysis;
  diagnostics: Diagnostic[];
}

/**
 * Checks a parsed scenario as a whole (references, reachability, loops, parallel regions,
 * expressions, durations, secrets) and records what later phases need. Pure and total: whatever
 * `parse` returned, it answers with diagnostics and never throws.
 */
export function analyze(scenario: Scenario, options: AnalyzeOptions = {}): AnalyzeResult {
  const diagnostics: Diagnostic[] = [];
  const report = (x: Diagnostic) => void diagnostics.push(x);
  try {
    return { analysis: run(scenario, report, options), diagnostics };
  } catch (e) {
    // A bug here must still come back as data; the scenario cannot be trusted to compile.
    report(d.internal_error(`analyze: ${e instanceof Error ? e.message : String(e)}`));
    const empty: Analysis = {
      byId: new Map(),
      reachable: new Set(),
      variables: new Set(),
      nodeTypes: new Set(),
      regions: new Map(),
      pageContext: false,
    };
    return { analysis: empty, diagnostics };
  }
}

function run(scenario: Scenario, report: (x: Diagnostic) => void, options: AnalyzeOptions): Analysis {
  const all = Array.isArray(scenario.nodes) ? scenario.nodes : [];
  const provenance = provenanceOf(scenario);
  const paths = new Map<ScenarioNode, string>();
  all.forEach((node, i) => paths.set(node, `nodes[${provenance?.sourceIndex.get(node) ?? i}]`));
  const pathOf = (node: ScenarioNode) => paths.get(node) ?? 'nodes';

  const byId = new Map<string, ScenarioNode>();
  for (const node of all) {
    const first = byId.get(node.id);
    if (first) report(d.node_duplicate_id({ nodeId: node.id, path: `${pathOf(node)}.id` }, pathOf(first)));
    else byId.set(node.id, node);
  }
  const nodes = [...byId.values()];

  const variables = collectVariables(scenario, all, pathOf, report);
  const exprCtx = { variables };

  // References to nodes parse dropped are explained by parse's own diagnostics.
  const dropped = provenance?.droppedIds ?? new Set<string>();
  for (const node of all) {
    for (const e of edgesOf(node)) {
      if (!byId.has(e.target) && !dropped.has(e.target)) {
        report(d.node_dangling_next({ nodeId: node.id, path: `${pathOf(node)}.${e.field}` }, e.target));
      }
    }
  }

  const g = buildGraph(nodes, byId, pathOf, edgesOf);
  // An empty start was reported by parse as a missing field.
  const startKnown = byId.has(scenario.start);
  if (!startKnown && scenario.start && !dropped.has(scenario.start)) report(d.start_missing(scenario.start));
  const reachable = reachableFrom(g, scenario.start);
  if (startKnown) {
    for (const node of nodes)
      if (!reachable.has(node.id)) report(d.node_unreachable({ nodeId: node.id, path: pathOf(node) }));
  }

  const checker = new NodeChecker(exprCtx, report, options.scriptSyntax);
  for (const node of all) visitorOf(node)?.check?.(node, checker.enter(node.id, pathOf(node)));
  checkSettings(scenario.settings, report);
  checkResults(scenario, all, variables, report);
  checkBusyLoops(g, waits, report);
  const regions = checkParallels(g, report);

  const nodeTypes = new Set<NodeType>();
  for (const id of reachable) nodeTypes.add(byId.get(id)!.type);
  const pageContext =
    checker.reads.has(PAGE) ||
    nodes.some((n) => n.type === 'script' && scriptMayReadPage(n.code)) ||
    !!scenario.settings?.results?.collect.some((name) => PAGE_NAMES.has(name));
  return { byId, reachable, variables, nodeTypes, regions, pageContext };
}
