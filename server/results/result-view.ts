/**
 * What the owner's API shows of a stored result (`ResultView`), and what it reads from a bot's scenario to answer:
 * the declared variables (the table's and the CSV's columns) and the `split` nodes (the A/B analytics).
 */
import type { ResultView } from '../../rest/index.ts';
import type { StoredResult } from '../store/result-types.ts';

/** A stored result as `GET /bots/:id/results` lists it: dates as ISO strings, nothing of the organisation's. */
export function resultView(r: StoredResult): ResultView {
  return {
    id: r.id,
    visitorId: r.visitorId,
    version: r.version,
    startedAt: r.startedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    completed: r.completed,
    handoff: r.handoff,
    lastNodeId: r.lastNodeId,
    path: r.path,
    variables: r.variables,
  };
}

/**
 * The scenario's `settings.results.collect`: the variables a result carries; null when the bot does not opt in (it
 * has no `settings.results`).
 */
export function resultsCollect(scenario: unknown): string[] | null {
  const settings = isObject(scenario) && isObject(scenario.settings) ? scenario.settings : {};
  if (!isObject(settings.results)) return null;
  const collect = Array.isArray(settings.results.collect) ? settings.results.collect : [];
  // A draft may hold anything; a published scenario passed the compiler, so this filter only guards drafts.
  return [...new Set(collect.filter((name): name is string => typeof name === 'string' && name !== ''))];
}

/** The table's and the CSV's columns: the collected variables, [] when the bot does not opt in. */
export function collectedVariables(scenario: unknown): string[] {
  return resultsCollect(scenario) ?? [];
}

/** The scenario's `split` nodes, each with the nodes its branches lead to, in branch order. */
export function splitNodes(scenario: unknown): { id: string; next: string[] }[] {
  const nodes = isObject(scenario) && Array.isArray(scenario.nodes) ? scenario.nodes : [];
  return nodes.flatMap((node: unknown) => {
    if (!isObject(node) || node.type !== 'split' || typeof node.id !== 'string' || !Array.isArray(node.branches)) {
      return [];
    }
    const next = node.branches.map((b: unknown) => (isObject(b) && typeof b.next === 'string' ? b.next : ''));
    return [{ id: node.id, next }];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
