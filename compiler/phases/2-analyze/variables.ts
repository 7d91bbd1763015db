import { d } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { FORBIDDEN_MEMBERS } from '../../expr/index.ts';
import type { Scenario, ScenarioNode } from '../../model/types.ts';
import { formatPath } from '../1-parse/issues.ts';
import { assignmentsOf } from './nodes/index.ts';
import { PAGE } from './page-context.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when expressions can read `name`, and assigning it cannot touch a prototype. */
export function isVariableName(name: string): boolean {
  return NAME.test(name) && !FORBIDDEN_MEMBERS.has(name);
}

/**
 * Every variable the scenario declares in `variables` or assigns anywhere (set, choice/input/intent
 * `var`, http `save`, `handoff` from a handoff node). Wait event data has no names known at compile
 * time; authors declare the names they read. Reports names expressions could never read, and stores
 * into `page`, which the runtime fills (page context) and which is in the set for expressions to read.
 */
export function collectVariables(
  scenario: Scenario,
  nodes: readonly ScenarioNode[],
  pathOf: (node: ScenarioNode) => string,
  report: (x: Diagnostic) => void,
): Set<string> {
  const names = new Set<string>();
  const declared = scenario.variables && typeof scenario.variables === 'object' ? Object.keys(scenario.variables) : [];
  for (const name of declared) {
    const path = formatPath('variables', [name]);
    if (!isVariableName(name)) report(d.variable_bad_name({ path }, name));
    else if (name === PAGE) report(d.variable_reserved({ path }, name));
    names.add(name);
  }
  for (const node of nodes) {
    for (const a of assignmentsOf(node)) {
      if (a.field !== undefined && !isVariableName(a.name)) {
        report(d.variable_bad_name({ nodeId: node.id, path: `${pathOf(node)}.${a.field}` }, a.name));
      } else if (a.name === PAGE) {
        report(d.variable_reserved({ nodeId: node.id, path: a.field && `${pathOf(node)}.${a.field}` }, a.name));
      }
      names.add(a.name);
    }
  }
  names.add(PAGE);
  return names;
}
