import { describe, expect, it } from 'vitest';
import { check, loadScriptSyntax, type Diagnostic } from '../../compiler/browser.ts';
import { countProblems, presentDiagnostics, problemsByNode, problemsText } from './problems.ts';
import { BLANK } from './templates.ts';
import type { Doc } from './types.ts';

const diag = (severity: 'error' | 'warning', nodeId?: string): Diagnostic => ({
  code: 'x.y',
  severity,
  message: `${severity} ${nodeId ?? ''}`,
  nodeId,
});

describe('counting and wording problems', () => {
  it('counts errors and warnings apart, so a node with one of each says "1 error, 1 warning" like the Problems panel', () => {
    const list = [diag('error', 'a'), diag('warning', 'a')];
    const count = countProblems(list);
    expect(count).toEqual({ errors: 1, warnings: 1 });
    expect(problemsText(count)).toBe('1 error, 1 warning');
    expect(problemsText(count, true)).toBe('1 error, 1 warning');
    const mine = problemsByNode(list).get('a')!;
    expect(problemsText({ errors: mine.errors.length, warnings: mine.warnings.length })).toBe(problemsText(count));
  });

  it('names only what there is on a badge, and both counts in the panel', () => {
    expect(problemsText({ errors: 2, warnings: 0 })).toBe('2 errors');
    expect(problemsText({ errors: 0, warnings: 3 })).toBe('3 warnings');
    expect(problemsText({ errors: 0, warnings: 0 })).toBe('');
    expect(problemsText({ errors: 0, warnings: 0 }, true)).toBe('0 errors, 0 warnings');
    expect(problemsText({ errors: 1, warnings: 0 }, true)).toBe('1 error, 0 warnings');
  });

  it('groups node problems by node and leaves out the ones that belong to no node', () => {
    const by = problemsByNode([diag('error', 'a'), diag('error', 'b'), diag('warning', 'b'), diag('error')]);
    expect([...by.keys()]).toEqual(['a', 'b']);
    expect(by.get('b')).toEqual({ errors: ['error b'], warnings: ['warning b'] });
  });

  it('tells the author of a blank bot to add a first node, keeping the code the API gives', () => {
    const doc = BLANK();
    const shown = presentDiagnostics(doc, check(doc).diagnostics);
    expect(shown).toEqual([
      expect.objectContaining({
        code: 'schema.invalid',
        severity: 'error',
        path: 'start',
        message: 'Add a first node: the bot starts there.',
      }),
    ]);
    const other = check({ ...doc, nodes: [{ id: 'a', type: 'end' }], start: 'a' }).diagnostics;
    expect(presentDiagnostics({ ...doc, nodes: [{ id: 'a', type: 'end' }], start: 'a' }, other)).toEqual(other);
  });

  it('shows a script that does not parse as a problem on its node while the author edits, before any save', async () => {
    const doc: Doc = {
      ...BLANK(),
      start: 's',
      nodes: [
        { id: 's', type: 'script', code: 'return { total: vars.price * 2 ', next: 'e' },
        { id: 'e', type: 'end' },
      ],
    };
    const shown = presentDiagnostics(doc, check(doc, { scriptSyntax: await loadScriptSyntax() }).diagnostics);
    expect(shown).toContainEqual(
      expect.objectContaining({ code: 'script.syntax', severity: 'error', nodeId: 's', path: 'nodes[0].code' }),
    );
    expect(problemsByNode(shown).get('s')?.errors[0]).toMatch(/the code does not parse/);
  });
});
