import type { Scenario } from '../../model/types.ts';
import type { Analysis } from '../2-analyze/types.ts';
import type { Lowered, NodeData } from './types.ts';
import { makeContext, type LowerRun } from './context.ts';
import { BRANCH_END, FAIL_KEY, branchDoneKey, stateKey } from './keys.ts';
import { lowerers } from './nodes/index.ts';
import { uiStrings } from './ui-strings.ts';

/**
 * Phase 3: maps every reachable node to XState v5 states, guards, actions and invoked actors.
 * Parallel nodes become parallel states with one region per branch; the join is each region's
 * final state. Runs only on scenarios without errors.
 */
export function lower(scenario: Scenario, analysis: Analysis): Lowered {
  const run: LowerRun = { needsId: new Set(), exprs: [], exprIndex: new Map(), uses: new Set(), needsFail: false };
  const nodes: Record<string, NodeData> = {};
  const rootOn: Record<string, unknown> = {};
  const order = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const byOrder = (ids: Iterable<string>) => [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  const membersOf = (parallelId: string) => analysis.regions.get(parallelId) ?? [];
  /** The ids that belong to parallel regions nested in this scope. */
  const nestedOf = (ids: string[]) => {
    const nested = new Set<string>();
    for (const id of ids)
      if (analysis.byId.get(id)?.type === 'parallel')
        for (const region of membersOf(id)) for (const m of region) nested.add(m);
    return nested;
  };

  function lowerScope(ids: string[], joins: Map<string, string>): Record<string, unknown> {
    const nested = nestedOf(ids);
    const cx = makeContext(scenario, analysis, run, joins, new Set(ids.filter((id) => !nested.has(id))));
    const states: Record<string, unknown> = {};
    for (const id of ids) {
      if (nested.has(id)) continue;
      const node = analysis.byId.get(id)!;
      const key = stateKey(id);
      const lowered = (lowerers[node.type] as (n: typeof node, c: typeof cx) => ReturnType<(typeof lowerers)['end']>)(
        node,
        cx,
      );
      run.uses.add(node.type);
      nodes[key] = lowered.data;
      if (lowered.rootOn) Object.assign(rootOn, lowered.rootOn);
      const state: Record<string, unknown> = { ...lowered.state };
      if (node.type === 'parallel') {
        const regions: Record<string, unknown> = {};
        membersOf(id).forEach((members, i) => {
          const done = branchDoneKey(key, i);
          const inner = new Map(joins).set(node.join, done);
          const start = node.branches[i];
          regions['b' + i] = {
            // The branch's end is a key the compiler makes ('/' never comes out of stateKey), so a node with the id `j` keeps its state.
            initial: start === node.join ? BRANCH_END : stateKey(start),
            states: { ...lowerScope(byOrder(members), inner), [BRANCH_END]: { id: done, type: 'final' } },
          };
        });
        Object.assign(state, { type: 'parallel', states: regions, onDone: cx.to(node.join) });
      }
      states[key] = state;
      for (const [k, x] of Object.entries(lowered.extra ?? {})) {
        states[k] = { ...x.state };
        nodes[k] = x.data;
      }
    }
    return states;
  }

  const inRegion = new Set<string>();
  for (const regions of analysis.regions.values()) for (const r of regions) for (const id of r) inRegion.add(id);
  const top = byOrder([...analysis.reachable].filter((id) => !inRegion.has(id)));
  const states = lowerScope(top, new Map());
  addIds(states, run.needsId);
  if (run.needsFail) states[FAIL_KEY] = { id: FAIL_KEY, type: 'final', entry: { type: 'oops' } };

  const machine: Record<string, unknown> = {
    id: 'chatlet',
    initial: stateKey(scenario.start),
    context: { v: { ...(scenario.variables ?? {}) }, t: [], d: {}, k: 0, q: {}, c: [], e: [] },
    states,
  };
  if (Object.keys(rootOn).length) machine.on = rootOn;
  const ui = uiStrings(scenario, run.uses, run.needsFail) as Lowered['ui'];
  return { machine, nodes, exprs: run.exprs, uses: [...run.uses].sort(), ui, diagnostics: [] };
}

/** Gives an `id` to the states that transitions reach across scopes (`#key`), wherever they are nested. */
function addIds(states: Record<string, unknown>, needsId: Set<string>): void {
  for (const [key, state] of Object.entries(states) as [string, Record<string, unknown>][]) {
    if (needsId.has(key) && !state.id) states[key] = { id: key, ...state };
    if (state.states) addIds(state.states as Record<string, unknown>, needsId);
  }
}
