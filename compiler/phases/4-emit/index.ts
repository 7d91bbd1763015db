import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { Scenario } from '../../model/types.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import type { MachineSpec } from '../3-lower/types.ts';
import { d } from '../../diagnostics/catalogue.ts';
import { bundleParts } from './module-source.ts';
import { bundle } from './bundle.ts';

export const RUNTIME_DIR = fileURLToPath(new URL('../../../runtime', import.meta.url));

export interface EmitOptions {
  botId: string;
  publicUrl?: string;
  minify?: boolean;
}

export type Emitted =
  { ok: true; bundle: string; hash: string; source: string } | { ok: false; diagnostics: Diagnostic[] };

/** A stable content hash of a scenario document, independent of key order. */
export function scenarioHash(scenario: Scenario): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(scenario)))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Phase 4: prints the lowered machine spec as the bundle's spec and bundles it with the runtime.
 * It checks nothing (analyze did); a bundling failure comes back as a diagnostic.
 */
export async function emit(scenario: Scenario, spec: MachineSpec, options: EmitOptions): Promise<Emitted> {
  const parts = bundleParts(spec, {
    botId: options.botId,
    publicUrl: (options.publicUrl ?? '').replace(/\/+$/, ''),
    version: scenarioHash(scenario),
  });
  try {
    const out = await bundle(parts, RUNTIME_DIR, options.minify ?? true);
    return {
      ok: true,
      bundle: out.code,
      hash: out.hash,
      source: parts.variant(RUNTIME_DIR) + '\n// spec\n' + parts.spec,
    };
  } catch (err) {
    const first = (err as { errors?: { text: string }[] }).errors?.[0]?.text ?? String(err);
    return { ok: false, diagnostics: [d.emit_failed(first)] };
  }
}
