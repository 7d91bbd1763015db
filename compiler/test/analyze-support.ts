import { expect } from 'vitest';
import { parse } from '../phases/1-parse/index.ts';
import { analyze } from '../phases/2-analyze/index.ts';
import { acornSyntax } from '../phases/2-analyze/acorn-syntax.ts';

/** Parses a scenario built from `nodes` and analyzes it; fails the test if parse itself complained. */
export function check(nodes: unknown[], extra: Record<string, unknown> = {}) {
  const parsed = parse({ format: 'chatlet.scenario/1', name: 'T', start: 'a', nodes, ...extra });
  expect(parsed.diagnostics).toEqual([]);
  return analyze(parsed.scenario!, { scriptSyntax: acornSyntax });
}

/** The codes of an analysis' diagnostics, in order. */
export const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((x) => x.code);
export const end = { id: 'end', type: 'end' };
/** A message node saying `text`, then `next`. */
export const msg = (id: string, next: string, text = 'x') => ({ id, type: 'message', text, next });
