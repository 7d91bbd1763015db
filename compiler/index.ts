/**
 * The compiler's Node entry. `compile()` reads top to bottom as its phases:
 * parse → analyze → lower → emit. Every phase is pure except emit's bundling, and
 * a bad document always comes back as diagnostics, never as an exception.
 * Everything the browser entry (`browser.ts`) offers is here too; code outside `compiler/`
 * imports this file, `browser.ts` or `contract.ts`, never a subfolder.
 */
import type { Diagnostic } from './diagnostics/types.ts';
import type { MachineConfig } from './contract.ts';
import type { MachineSpec } from './phases/3-lower/types.ts';
import { parse } from './phases/1-parse/index.ts';
import { analyze } from './phases/2-analyze/index.ts';
import { acornSyntax } from './phases/2-analyze/acorn-syntax.ts';
import { check as checkWith, type CheckResult } from './check.ts';
import { lower } from './phases/3-lower/index.ts';
import { emit, scenarioHash } from './phases/4-emit/index.ts';
import { toJson } from './phases/4-emit/serialize.ts';
import { d } from './diagnostics/catalogue.ts';

export * from './browser.ts';

/** The browser entry's `check` with scripts' syntax checked too: Node has acorn at hand, so it stays synchronous. */
export const check = (input: unknown): CheckResult => checkWith(input, { scriptSyntax: acornSyntax });
export { scenarioHash };
export { importBpmn, type BpmnImport } from './phases/1-parse/bpmn/index.ts';
export type { MachineSpec } from './phases/3-lower/types.ts';
export { toSource } from './phases/4-emit/serialize.ts';
// For the size report (bench/size-report.ts): how a variant is built and where the spec goes.
export { explainVariant, type ExplainedVariant } from './phases/4-emit/bundle.ts';
export { RUNTIME_DIR } from './phases/4-emit/index.ts';
export { SPEC_PLACEHOLDER } from './phases/4-emit/module-source.ts';
export { idOfStateKey } from './phases/3-lower/keys.ts';

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
    const { analysis, diagnostics } = analyze(scenario, { scriptSyntax: acornSyntax });
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

/**
 * Parses, analyzes and lowers a scenario without bundling: the typed machine spec the runtime
 * would run, or the diagnostics that stop it. Runtime tests build their machine from it in Node.
 */
export function lowerScenario(input: unknown): { diagnostics: Diagnostic[]; spec?: MachineSpec } {
  const parsed = parse(input);
  if (!parsed.scenario) return { diagnostics: parsed.diagnostics };
  const { analysis, diagnostics } = analyze(parsed.scenario, { scriptSyntax: acornSyntax });
  const found = [...parsed.diagnostics, ...diagnostics];
  if (hasErrors(found)) return { diagnostics: found };
  return { diagnostics: found, spec: lower(parsed.scenario, analysis) };
}
