/**
 * The browser-safe entry of the compiler: validation and lowering without bundling (emit needs
 * esbuild and Node). The builder imports this to show diagnostics on the canvas as the author edits.
 */
import type { Diagnostic } from './diagnostics/types.ts';
import type { MachineConfig } from './phases/3-lower/types.ts';
import { parse } from './phases/1-parse/index.ts';
import { analyze, type AnalyzeOptions } from './phases/2-analyze/index.ts';
import { lower } from './phases/3-lower/index.ts';
import { toJson } from './phases/4-emit/serialize.ts';
import { d } from './diagnostics/catalogue.ts';

export type { Diagnostic } from './diagnostics/types.ts';
export type { Scenario, ScenarioNode, NodeType } from './model/types.ts';
export { SCENARIO_FORMAT, NODE_TYPES } from './model/types.ts';
export { DIAGNOSTIC_CODES } from './diagnostics/catalogue.ts';

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  machine?: MachineConfig;
}

const hasErrors = (ds: Diagnostic[]) => ds.some((x) => x.severity === 'error');

/**
 * Validates and lowers a scenario without bundling: what the builder runs on every edit. Scripts'
 * syntax is checked only with `options.scriptSyntax` (this entry leaves acorn out; Node's
 * `check` in index.ts brings it).
 */
export function check(input: unknown, options: AnalyzeOptions = {}): CheckResult {
  try {
    const parsed = parse(input);
    if (!parsed.scenario) return { ok: false, diagnostics: parsed.diagnostics };
    const { analysis, diagnostics } = analyze(parsed.scenario, options);
    const all = [...parsed.diagnostics, ...diagnostics];
    if (hasErrors(all)) return { ok: false, diagnostics: all };
    const lowered = lower(parsed.scenario, analysis);
    return { ok: true, diagnostics: all, machine: toJson(lowered.machine) };
  } catch (err) {
    return { ok: false, diagnostics: [d.internal_error(String(err))] };
  }
}
