import type { Scenario, ScenarioNode } from '../../model/types.ts';

/**
 * What parse knows about where the scenario came from, for later phases' messages:
 * a dropped node shifts the indexes of the nodes after it, so paths need the source index,
 * and a reference to a dropped node is already explained by parse's own diagnostic.
 * Kept beside the scenario (not in it) so the model stays plain data; a scenario that did not
 * come from `parse` simply has no provenance.
 */
export interface Provenance {
  /** The index of each node in the source document's `nodes` array. */
  sourceIndex: WeakMap<ScenarioNode, number>;
  /** Ids of nodes that parse dropped because they were invalid. */
  droppedIds: ReadonlySet<string>;
}

const byScenario = new WeakMap<Scenario, Provenance>();

/** Remembers parse's provenance for `scenario`. */
export function recordProvenance(scenario: Scenario, provenance: Provenance): void {
  byScenario.set(scenario, provenance);
}

/** The provenance of a scenario returned by `parse`, if it is one. */
export function provenanceOf(scenario: Scenario): Provenance | undefined {
  return byScenario.get(scenario);
}
