import type { Scenario } from '../../model/types.ts';
import type { Analysis } from '../2-analyze/types.ts';
import type { MachineConfig, NodeData, StateConfig, Transitions } from '../../contract.ts';
import type { MachineSpec } from './types.ts';
import { makeContext, type LowerRun } from './context.ts';
import { BRANCH_END, FAIL_KEY, branchDoneKey, stateKey } from './keys.ts';
import { lowerers } from './nodes/index.ts';
import type { LoweredNode } from './nodes/types.ts';
import { uiStrings } from './ui-strings.ts';
import { lowerSettings } from './settings.ts';
import { features } from './features.ts';

/**
 * Phase 3: maps every reachable node to XState v5 states, guards, actions and invoked actors.
 * Parallel nodes become parallel states with one region per branch; the join is each region's
 * final state. Also lowers the settings and picks the widget parts, so emit only prints the
 * result. Runs only on scenarios without errors.
 */
export function lower(scenario: Scenario, analysis: Analysis): MachineSpec {
  const run: LowerRun = { needsId: new Set(), exprs: [], exprIndex: new Map(), uses: new Set(), needsFail: false };
  const nodes: Record<string, NodeData> = {};
  const rootOn: Record<string, Transitions> = {};
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

  function lowerScope(ids: string[], joins: Map<string, string>): Record<string, StateConfig> {
    const nested = nestedOf(ids);
    const cx = makeContext(scenario, analysis, run, joins, new Set(ids.filter((id) => !nested.has(id))));
    const states: Record<string, StateConfig> = {};
    for (const id of ids) {
      if (nested.has(id)) continue;
      const node = analysis.byId.get(id)!;
      const key = stateKey(id);
      // The table pairs each kind with its lowerer; TypeScript cannot follow that pairing through `node.type`.
      const lowered = (lowerers[node.type] as (n: typeof node, c: typeof cx) => LoweredNode)(node, cx);
      run.uses.add(node.type);
      nodes[key] = lowered.data;
      if (lowered.rootOn) Object.assign(rootOn, lowered.rootOn);
      const state: StateConfig = { ...lowered.state };
      if (node.type === 'parallel') {
        const regions: Record<string, StateConfig> = {};
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

  const machine: MachineConfig = {
    id: 'chatlet',
    initial: stateKey(scenario.start),
    context: { v: { ...(scenario.variables ?? {}) }, t: [], d: {}, k: 0, q: {}, c: [], e: [] },
    states,
  };
  if (Object.keys(rootOn).length) machine.on = rootOn;
  const ui = uiStrings(scenario, run.uses, run.needsFail);
  const uses = [...run.uses].sort();
  const settings = lowerSettings(scenario);
  return {
    machine,
    nodes,
    exprs: run.exprs,
    uses,
    ui,
    settings,
    features: features(scenario, analysis, nodes, uses, settings),
  };
}

/** Gives an `id` to the states that transitions reach across scopes (`#key`), wherever they are nested. */
function addIds(states: Record<string, StateConfig>, needsId: Set<string>): void {
  for (const [key, state] of Object.entries(states)) {
    if (needsId.has(key) && !state.id) states[key] = { id: key, ...state };
    if (state.states) addIds(state.states, needsId);
  }
}
