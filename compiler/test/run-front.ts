import type { Diagnostic } from '../diagnostics/types.ts';
import { parse } from '../phases/1-parse/index.ts';
import { analyze } from '../phases/2-analyze/index.ts';
import { acornSyntax } from '../phases/2-analyze/acorn-syntax.ts';

/** Test helper: parse then analyze, returning every diagnostic (what the front half of `compile` reports). */
export function frontHalf(input: unknown): Diagnostic[] {
  const parsed = parse(input);
  if (!parsed.scenario) return parsed.diagnostics;
  return [...parsed.diagnostics, ...analyze(parsed.scenario, { scriptSyntax: acornSyntax }).diagnostics];
}
