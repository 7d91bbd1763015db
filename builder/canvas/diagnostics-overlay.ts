/**
 * The diagnostics on the canvas: each node with problems gets a badge counting its errors and
 * warnings and their messages as a tooltip. A node whose problems did not change is not touched.
 */
import type { Diagnostic } from '../../compiler/browser.ts';
import { problemsByNode } from '../model/problems.ts';
import type { Drawn } from './drawn.ts';
import { markProblems } from './node-dom.ts';

/** Marks every drawn node with its diagnostics (and clears the marks of those that have none now). */
export function showProblems(nodes: Iterable<Drawn>, diagnostics: Diagnostic[]): void {
  const by = problemsByNode(diagnostics);
  for (const d of nodes) {
    const p = by.get(String(d.node.id)) ?? { errors: [], warnings: [] };
    const sig = [...p.errors, '|', ...p.warnings].join('\n');
    if (sig === d.problems) continue;
    d.problems = sig;
    markProblems(d.el, p.errors, p.warnings);
  }
}
