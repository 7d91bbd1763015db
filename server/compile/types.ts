import type { Diagnostic } from '../../compiler/index.ts';

/**
 * The compiler as the server sees it: `compile` from `compiler/index.ts`. Injected, so the server
 * depends on this shape and not on the compiler's internals.
 */
export type CompileFn = (
  scenario: unknown,
  options: { botId: string; publicUrl?: string; minify?: boolean },
) => Promise<{ ok: boolean; diagnostics: Diagnostic[]; bundle?: string; hash?: string }>;
