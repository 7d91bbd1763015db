/**
 * The compiler's public entry. `compile()` reads top to bottom as its phases:
 * parse → analyze → lower → emit. Every phase is pure except emit's bundling, and
 * a bad document always comes back as diagnostics, never as an exception.
 */
import type { Diagnostic } from './diagnostics/types.ts';
import type { MachineConfig } from './phases/3-lower/types.ts';
import { parse } from './phases/1-parse/index.ts';
import { analyze } from './phases/2-analyze/index.ts';
import { lower } from './phases/3-lower/index.ts';
import { emit, scenarioHash } from './phases/4-emit/index.ts';
import { toJson } from './phases/4-emit/serialize.ts';
import { d } from './diagnostics/catalogue.ts';

export type { Diagnostic } from './diagnostics/types.ts';
export type { Scenario, ScenarioNode, NodeType } from './model/types.ts';
export { SCENARIO_FORMAT, NODE_TYPES } from './model/types.ts';
export { scenarioHash };
export { check, type CheckResult } from './check.ts';

export interface CompileOptions {
  /** The bot id baked into the bundle (storage keys, `Chatlet.bots[id]`). */
  botId: string;
  /** Base URL of the server, for long timers and handoff. Empty: the bundle never calls home. */
  publicUrl?: string;
  /** Minify the bundle (default true). Tests may turn it off to read the output. */
  minify?: boolean;
}

export interface CompileResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  bundle?: string;
  hash?: string;
  /** The XState machine config, as JSON (guards, actions and actors referenced by name). */
  machine?: MachineConfig;
  /** What was bundled: the runtime variant's module source, then `// spec`, then the spec (read by bench/size-report.ts). */
  source?: string;
}

const hasErrors = (ds: Diagnostic[]) => ds.some((x) => x.severity === 'error');

/** Compiles a scenario document into one standalone, minified, deterministic bundle. */
export async function compile(input: unknown, options: CompileOptions): Promise<CompileResult> {
  try {
    const parsed = parse(input);
    if (!parsed.scenario) return { ok: false, diagnostics: parsed.diagnostics };
    const scenario = parsed.scenario;
    const { analysis, diagnostics } = analyze(scenario);
    const found = [...parsed.diagnostics, ...diagnostics];
    if (hasErrors(found)) return { ok: false, diagnostics: found };
    const lowered = lower(scenario, analysis);
    const emitted = await emit(scenario, lowered, options);
    if (!emitted.ok) return { ok: false, diagnostics: [...found, ...emitted.diagnostics] };
    return {
      ok: true,
      diagnostics: found,
      bundle: emitted.bundle,
      hash: emitted.hash,
      machine: toJson(lowered.machine),
      source: emitted.source,
    };
  } catch (err) {
    // A compiler bug must still answer with data: the server turns this into a 422, not a 500.
    return { ok: false, diagnostics: [d.internal_error(String(err))] };
  }
}
