/**
 * How the builder counts and words diagnostics. The node badge, the Problems panel and the toolbar
 * all count with `countProblems` and label with `problemsText`, so they never disagree: errors and
 * warnings are counted apart and both are named.
 */
import type { Diagnostic } from '../../compiler/browser.ts';
import type { Doc } from './types.ts';

/** How many errors and how many warnings. */
export interface ProblemCount {
  errors: number;
  warnings: number;
}

/** Errors and warnings in a list of diagnostics (anything not an error is a warning). */
export function countProblems(list: readonly Pick<Diagnostic, 'severity'>[]): ProblemCount {
  let errors = 0;
  for (const d of list) if (d.severity === 'error') errors++;
  return { errors, warnings: list.length - errors };
}

/** The messages of each node's diagnostics, errors apart from warnings (for its badge and tooltip). */
export function problemsByNode(list: readonly Diagnostic[]): Map<string, { errors: string[]; warnings: string[] }> {
  const by = new Map<string, { errors: string[]; warnings: string[] }>();
  for (const d of list) {
    if (d.nodeId === undefined) continue;
    const entry = by.get(d.nodeId) ?? { errors: [], warnings: [] };
    (d.severity === 'error' ? entry.errors : entry.warnings).push(d.message);
    by.set(d.nodeId, entry);
  }
  return by;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "1 error, 1 warning". `all` names both counts even when zero (the Problems panel); otherwise a
 * zero count is left out and no problems at all is the empty string (a node badge).
 */
export function problemsText(count: ProblemCount, all = false): string {
  const parts: string[] = [];
  if (all || count.errors) parts.push(plural(count.errors, 'error'));
  if (all || count.warnings) parts.push(plural(count.warnings, 'warning'));
  return parts.join(', ');
}

/**
 * The diagnostics as the builder shows them. The compiler's messages are written for API users; a
 * few read better for an author looking at the canvas. Codes, paths and severities never change.
 */
export function presentDiagnostics(doc: Doc, list: Diagnostic[]): Diagnostic[] {
  return list.map((d) => {
    if (d.path === 'start' && (d.code === 'schema.invalid' || d.code === 'start.missing') && doc.nodes.length === 0) {
      return { ...d, message: 'Add a first node: the bot starts there.' };
    }
    if (d.path === 'start' && d.code === 'schema.invalid') {
      return { ...d, message: 'Choose where the bot starts: select a node and press "Start here".' };
    }
    return d;
  });
}
