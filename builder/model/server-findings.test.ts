import { describe, expect, it } from 'vitest';
import { check, type Diagnostic } from '../../compiler/browser.ts';
import { perform } from './commands.ts';
import { NO_FINDINGS, serverFindings, stillHolding, withServerFindings } from './server-findings.ts';
import type { Doc } from './types.ts';

const DOC: Doc = {
  format: 'chatlet.scenario/1',
  name: 'Saved',
  start: 'hi',
  nodes: [
    { id: 'hi', type: 'message', text: 'Hello', next: 'bye' },
    { id: 'bye', type: 'end', text: 'Bye' },
  ],
};

// A finding only a full compile on the server makes (its bundler, say), on the node "hi".
const bundled: Diagnostic = {
  code: 'emit.failed',
  severity: 'error',
  message: 'The bundle of node hi could not be built',
  nodeId: 'hi',
};
const bundleWide: Diagnostic = { code: 'emit.failed', severity: 'error', message: 'The bundle failed' };

describe("the server's findings on a saved draft", () => {
  it('keeps only what the live check of the same document did not report', () => {
    const local = check(DOC).diagnostics;
    const dangling = { ...DOC, nodes: [{ ...DOC.nodes[0], next: 'nowhere' }, DOC.nodes[1]] };
    const both = check(dangling).diagnostics;
    expect(both.map((d) => d.code)).toContain('node.dangling_next');
    expect(serverFindings(DOC, [bundled, ...local], local).extra).toEqual([bundled]);
    expect(serverFindings(dangling, [...both, bundled], both).extra).toEqual([bundled]);
  });

  it('shows a server-only finding on its node next to the live problems, and each problem once', () => {
    const live: Diagnostic[] = [
      { code: 'node.unreachable', severity: 'warning', message: 'Unreachable', nodeId: 'bye' },
    ];
    const findings = serverFindings(DOC, [...live, bundled], live);
    expect(withServerFindings(live, findings, DOC)).toEqual([...live, bundled]);
  });

  it('still shows it after an edit elsewhere: moving or editing another node leaves node "hi" as saved', () => {
    const findings = serverFindings(DOC, [bundled], []);
    const moved = perform(DOC, { type: 'moveNodes', positions: { bye: { x: 10, y: 10 } } });
    const edited = perform(moved, { type: 'updateNode', id: 'bye', node: { ...DOC.nodes[1], text: 'Ciao' } });
    expect(stillHolding(findings, edited)).toEqual([bundled]);
  });

  it('drops a finding as soon as its node is edited or deleted, since the server has not seen that node', () => {
    const findings = serverFindings(DOC, [bundled], []);
    const edited = perform(DOC, { type: 'updateNode', id: 'hi', node: { ...DOC.nodes[0], text: 'Hi!' } });
    const deleted = perform(DOC, { type: 'deleteNodes', ids: ['hi'] });
    expect(stillHolding(findings, edited)).toEqual([]);
    expect(stillHolding(findings, deleted)).toEqual([]);
  });

  it('keeps a finding on no node until the next save answers', () => {
    const findings = serverFindings(DOC, [bundleWide], []);
    const edited = perform(DOC, { type: 'updateNode', id: 'hi', node: { ...DOC.nodes[0], text: 'Hi!' } });
    expect(stillHolding(findings, edited)).toEqual([bundleWide]);
    expect(stillHolding(serverFindings(edited, [], []), edited)).toEqual([]);
  });

  it('adds nothing before any save has answered', () => {
    const live = check(DOC).diagnostics;
    expect(withServerFindings(live, NO_FINDINGS, DOC)).toBe(live);
  });
});
