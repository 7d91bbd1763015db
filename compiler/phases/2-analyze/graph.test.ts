import { describe, expect, it } from 'vitest';
import { check, codes, end, msg } from '../../test/analyze-support.ts';

// The analysis' results (reachability, variables, parallel regions), references and busy loops.
describe('analysis results', () => {
  it('byId keeps the first node of a duplicated id and reports the second', () => {
    const r = check([msg('a', 'end', 'first'), msg('a', 'end', 'second'), end]);
    expect((r.analysis.byId.get('a') as { text: string }).text).toBe('first');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'node.duplicate_id', path: 'nodes[1].id' })]);
  });

  it('reachable and nodeTypes cover only what start leads to', () => {
    const r = check([msg('a', 'end'), { id: 'x', type: 'script', code: 'return {}', next: 'end' }, end]);
    expect([...r.analysis.reachable].sort()).toEqual(['a', 'end']);
    expect([...r.analysis.nodeTypes].sort()).toEqual(['end', 'message']);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'node.unreachable', nodeId: 'x', severity: 'warning' }),
    ]);
  });

  it('variables are the declared ones plus every assignment, handoff when a handoff node exists, and page', () => {
    const r = check(
      [
        { id: 'a', type: 'set', assign: { s: '1' }, next: 'b' },
        { id: 'b', type: 'choice', var: 'c', prompt: 'p', options: [{ label: 'x', next: 'c' }] },
        { id: 'c', type: 'input', var: 'i', input: 'text', prompt: 'p', next: 'd' },
        { id: 'd', type: 'intent', var: 't', intents: [], else: 'e' },
        { id: 'e', type: 'http', method: 'GET', url: 'https://x', save: { h: 'data' }, next: 'f' },
        { id: 'f', type: 'handoff', next: 'end' },
        end,
      ],
      { variables: { declared: 1 } },
    );
    expect([...r.analysis.variables].sort()).toEqual(['c', 'declared', 'h', 'handoff', 'i', 'page', 's', 't']);
    expect(r.diagnostics).toEqual([]);
  });

  it('an expression may read handoff.outcome after a handoff node', () => {
    const r = check([
      { id: 'a', type: 'handoff', next: 'b' },
      { id: 'b', type: 'condition', branches: [{ when: 'handoff.outcome == "resolved"', next: 'end' }], else: 'end' },
      end,
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('regions list each branch of a valid parallel, nested parallels included', () => {
    const r = check([
      { id: 'a', type: 'parallel', branches: ['b1', 'inner', 'j'], join: 'j' },
      msg('b1', 'b1x'),
      msg('b1x', 'j'),
      { id: 'inner', type: 'parallel', branches: ['i1', 'i2'], join: 'ij' },
      { id: 'i1', type: 'input', var: 'v', input: 'text', prompt: 'p', next: 'ij' },
      msg('i2', 'ij'),
      { id: 'ij', type: 'join', next: 'j' },
      { id: 'j', type: 'join', next: 'end' },
      end,
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.analysis.regions.get('a')).toEqual([['b1', 'b1x'], ['inner', 'i1', 'i2', 'ij'], []]);
    expect(r.analysis.regions.get('inner')).toEqual([['i1'], ['i2']]);
  });

  it('an invalid parallel has no regions entry', () => {
    const r = check([
      { id: 'a', type: 'parallel', branches: ['b1', 'b2'], join: 'j' },
      msg('b1', 'j'),
      msg('b2', 'end'),
      { id: 'j', type: 'join', next: 'end' },
      end,
    ]);
    expect(codes(r)).toEqual(['parallel.branch_never_joins']);
    expect(r.analysis.regions.has('a')).toBe(false);
  });

  it('a branch that can loop but always finds its way to the join is fine', () => {
    const r = check([
      { id: 'a', type: 'parallel', branches: ['ask'], join: 'j' },
      {
        id: 'ask',
        type: 'choice',
        prompt: 'again?',
        options: [
          { label: 'yes', next: 'ask' },
          { label: 'no', next: 'j' },
        ],
      },
      { id: 'j', type: 'join', next: 'end' },
      end,
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('a join entered from outside its parallel is a join mismatch', () => {
    const r = check([
      {
        id: 'a',
        type: 'choice',
        prompt: 'p',
        options: [
          { label: 'p', next: 'p' },
          { label: 'skip', next: 'j' },
        ],
      },
      { id: 'p', type: 'parallel', branches: ['b'], join: 'j' },
      msg('b', 'j'),
      { id: 'j', type: 'join', next: 'end' },
      end,
    ]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'parallel.join_mismatch', nodeId: 'a', path: 'nodes[0].options[1].next' }),
    ]);
  });

  it('two parallels cannot share a join', () => {
    const r = check([
      { id: 'a', type: 'parallel', branches: ['b'], join: 'j' },
      msg('b', 'j'),
      { id: 'j', type: 'join', next: 'p2' },
      { id: 'p2', type: 'parallel', branches: ['c'], join: 'j' },
      msg('c', 'end'),
      end,
    ]);
    expect(codes(r)).toContain('parallel.join_mismatch');
  });
});

describe('references', () => {
  it('a next that names no node is an error naming the node and field', () => {
    const r = check([{ id: 'a', type: 'condition', branches: [{ when: 'true', next: 'nowhere' }], else: 'end' }, end]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'node.dangling_next', nodeId: 'a', path: 'nodes[0].branches[0].next' }),
    ]);
    expect(r.diagnostics[0].message).toMatch(/"a".*branches\[0\]\.next.*"nowhere"/);
  });

  it.each([
    ['else', { id: 'a', type: 'intent', intents: [], else: 'zz' }],
    ['onError', { id: 'a', type: 'script', code: '', next: 'end', onError: 'zz' }],
    ['onTimeout', { id: 'a', type: 'handoff', next: 'end', onTimeout: 'zz' }],
    ['events[0].next', { id: 'a', type: 'wait', events: [{ event: 'e', next: 'zz' }] }],
    ['branches[0]', { id: 'a', type: 'parallel', branches: ['zz'], join: 'end' }],
    ['join', { id: 'a', type: 'parallel', branches: ['end'], join: 'zz' }],
    ['branches[0].next', { id: 'a', type: 'split', branches: [{ weight: 1, next: 'zz' }] }],
  ])('a dangling %s is reported at that field', (field, node) => {
    const r = check([node, end]);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'node.dangling_next', path: `nodes[0].${field}`.replace('.[', '[') }),
    );
  });

  it('an empty reference says the field is not connected', () => {
    const r = check([msg('a', '')]);
    expect(r.diagnostics[0]).toMatchObject({ code: 'node.dangling_next', path: 'nodes[0].next' });
    expect(r.diagnostics[0].message).toMatch(/not connected/);
  });

  it('a start that names no node is start.missing, without unreachable noise', () => {
    const r = check([msg('a', 'end'), end], { start: 'b' });
    expect(codes(r)).toEqual(['start.missing']);
  });
});

describe('busy loops', () => {
  it('a loop of nodes that never wait is an error', () => {
    const r = check([
      { id: 'a', type: 'set', assign: { n: '0' }, next: 'b' },
      { id: 'b', type: 'set', assign: { n: 'n + 1' }, next: 'c' },
      { id: 'c', type: 'condition', branches: [{ when: 'n > 5', next: 'end' }], else: 'b' },
      end,
    ]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'graph.busy_loop', nodeId: 'b' })]);
  });

  it('a node that leads straight back to itself is a busy loop', () => {
    const r = check([msg('a', 'a')]);
    expect(codes(r)).toEqual(['graph.busy_loop']);
  });

  it.each([
    ['choice', { type: 'choice', prompt: 'p', options: [{ label: 'x', next: 'a' }] }],
    ['input', { type: 'input', var: 'v', input: 'text', prompt: 'p', next: 'a' }],
    ['delay', { type: 'delay', duration: 'PT1S', next: 'a' }],
    ['wait', { type: 'wait', events: [{ event: 'e', next: 'a' }] }],
    ['http', { type: 'http', method: 'GET', url: 'https://x', next: 'a' }],
    ['handoff', { type: 'handoff', next: 'a' }],
    ['intent', { type: 'intent', intents: [], else: 'a' }],
  ])('a loop through a %s node waits, so it is fine', (_type, node) => {
    const r = check([msg('a', 'w'), { id: 'w', ...node }]);
    expect(codes(r)).not.toContain('graph.busy_loop');
  });
});
