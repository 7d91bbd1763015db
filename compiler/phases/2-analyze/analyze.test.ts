import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioNode } from '../../model/types.ts';
import { parse } from '../1-parse/index.ts';
import { analyze } from './index.ts';

/** Parses a scenario built from `nodes` and analyzes it; fails the test if parse itself complained. */
function check(nodes: unknown[], extra: Record<string, unknown> = {}) {
  const parsed = parse({ format: 'chatlet.scenario/1', name: 'T', start: 'a', nodes, ...extra });
  expect(parsed.diagnostics).toEqual([]);
  return analyze(parsed.scenario!);
}
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((x) => x.code);
const end = { id: 'end', type: 'end' };
const msg = (id: string, next: string, text = 'x') => ({ id, type: 'message', text, next });

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

  it('variables are the declared ones plus every assignment, and handoff when a handoff node exists', () => {
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
    expect([...r.analysis.variables].sort()).toEqual(['c', 'declared', 'h', 'handoff', 'i', 's', 't']);
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

describe('expressions and texts in every field', () => {
  it.each([
    ['nodes[0].text', msg('a', 'end', '{{ bad( }}')],
    ['nodes[0].image', { ...msg('a', 'end'), image: 'https://x/{{ nope }}.png' }],
    ['nodes[0].prompt', { id: 'a', type: 'choice', prompt: '{{nope}}', options: [{ label: 'x', next: 'end' }] }],
    [
      'nodes[0].options[0].label.uk',
      { id: 'a', type: 'choice', prompt: 'p', options: [{ label: { en: 'x', uk: '{{nope}}' }, next: 'end' }] },
    ],
    [
      'nodes[0].retryText',
      { id: 'a', type: 'input', var: 'v', input: 'text', prompt: 'p', retryText: '{{nope}}', next: 'end' },
    ],
    ['nodes[0].prompt', { id: 'a', type: 'intent', prompt: '{{nope}}', intents: [], else: 'end' }],
    [
      'nodes[0].branches[0].when',
      { id: 'a', type: 'condition', branches: [{ when: 'nope', next: 'end' }], else: 'end' },
    ],
    ['nodes[0].assign.x', { id: 'a', type: 'set', assign: { x: 'nope' }, next: 'end' }],
    ['nodes[0].until', { id: 'a', type: 'delay', until: 'nope', next: 'end' }],
    ['nodes[0].duration.expr', { id: 'a', type: 'delay', duration: { expr: 'nope' }, next: 'end' }],
    ['nodes[0].text', { id: 'a', type: 'delay', duration: 'PT1S', text: '{{nope}}', next: 'end' }],
    ['nodes[0].timeout.expr', { id: 'a', type: 'wait', events: [], timeout: { expr: 'nope' }, onTimeout: 'end' }],
    ['nodes[0].text', { id: 'a', type: 'handoff', text: '{{nope}}', next: 'end' }],
    ['nodes[0].timeout.expr', { id: 'a', type: 'handoff', timeout: { expr: 'nope' }, next: 'end' }],
    ['nodes[0].url', { id: 'a', type: 'http', method: 'GET', url: 'https://x/{{nope}}', next: 'end' }],
    [
      'nodes[0].headers.Accept',
      { id: 'a', type: 'http', method: 'GET', url: 'https://x', headers: { Accept: '{{nope}}' }, next: 'end' },
    ],
    [
      'nodes[0].body.items[1].name',
      {
        id: 'a',
        type: 'http',
        method: 'POST',
        url: 'https://x',
        body: { items: [1, { name: '{{nope}}' }] },
        next: 'end',
      },
    ],
    [
      'nodes[0].compensate.url',
      {
        id: 'a',
        type: 'http',
        method: 'POST',
        url: 'https://x',
        compensate: { method: 'DELETE', url: '{{nope}}' },
        next: 'end',
      },
    ],
    [
      'nodes[0].compensate.body.k',
      {
        id: 'a',
        type: 'http',
        method: 'POST',
        url: 'https://x',
        compensate: { method: 'POST', url: 'https://x', body: { k: '{{nope}}' } },
        next: 'end',
      },
    ],
    ['nodes[0].text', { id: 'a', type: 'end', text: '{{nope}}' }],
  ])('an expression error in %s is reported there', (path, node) => {
    const r = check(node.id === 'a' && node.type === 'end' ? [node] : [node, end]);
    const found = r.diagnostics.filter((x) => x.code.startsWith('expr.'));
    expect(found).toEqual([expect.objectContaining({ path, nodeId: 'a' })]);
    expect(found[0].column).toBeGreaterThan(0);
  });

  it('settings durations are checked', () => {
    const r = check([end], { start: 'end', settings: { longTimerThreshold: 'one minute' } });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'duration.invalid', path: 'settings.longTimerThreshold' }),
    ]);
  });
});

describe('security checks', () => {
  const http = (extra: Record<string, unknown>) => [
    { id: 'a', type: 'http', method: 'GET', url: 'https://api.example.com', next: 'end', ...extra },
    end,
  ];

  it.each([
    'Authorization',
    'authorization',
    'Cookie',
    'Proxy-Authorization',
    'X-Api-Key',
    'Api-Key',
    'x-goog-api-key',
    'X-Auth-Token',
    'Client-Secret',
  ])('a literal %s header is a literal secret', (name) => {
    const r = check(http({ headers: { [name]: 'abc' } }));
    expect(codes(r)).toEqual(['http.literal_secret']);
  });

  it('a header that interpolates a variable, or is marked public, is accepted', () => {
    const r = check(
      http({
        headers: {
          Authorization: 'Bearer {{token}}',
          'X-Api-Key': { value: 'pk_live', public: true },
          Accept: 'text/plain',
        },
      }),
      {
        variables: { token: '' },
      },
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('a literal secret in a compensate header is reported too', () => {
    const r = check(
      http({ compensate: { method: 'DELETE', url: 'https://x', headers: { Authorization: 'Basic Zm9v' } } }),
    );
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'http.literal_secret', path: 'nodes[0].compensate.headers.Authorization' }),
    ]);
  });

  it.each([
    ['https://acme.example/done', true],
    ['/thanks', true],
    ['thanks.html', true],
    ['https://acme.example/?e={{email}}', true],
    ['/orders/{{email}}', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    [' data:text/html,hi', false],
    ['{{email}}', false],
    ['java{{email}}', false],
  ])('redirect %j is safe: %s', (redirect, safe) => {
    const r = check([{ id: 'a', type: 'end', redirect }], { variables: { email: '' } });
    expect(codes(r).includes('url.unsafe')).toBe(!safe);
  });

  it('an image may be a data:image URL', () => {
    const r = check([{ ...msg('a', 'end'), image: 'data:image/png;base64,AAAA' }, end]);
    expect(r.diagnostics).toEqual([]);
  });

  it.each([
    ['const s = "import eval require";', []],
    ['// eval(x)\n/* import x */ return {}', []],
    ['const t = `eval ${"x"} text`;', []],
    ['const t = `${eval("1")}`;', ['eval']],
    ['const re = /"/; return { ok: re.test(eval) }', ['eval']],
    ['const x = a / 2 / b; eval(x)', ['eval']],
    ['return import("x")', ['import']],
    ['const f = require("fs")', ['require']],
    ['const F = Function; new F("x")', ['Function']],
    ['return [].constructor.constructor("x")()', ['.constructor', '.constructor']],
    ['const evaluate = 1; const imports = 2; return { evaluate, imports }', []],
  ])('script %j uses %j', (code, words) => {
    const r = check([{ id: 'a', type: 'script', code, next: 'end' }, end]);
    expect(r.diagnostics.map((x) => x.message.match(/"([^"]+)" is not allowed/)?.[1])).toEqual(words);
  });
});

describe('robustness', () => {
  it('never throws on a hand-built scenario with missing parts', () => {
    const broken = { format: 'chatlet.scenario/1', name: 'x', start: 'a', nodes: null } as unknown as Scenario;
    expect(() => analyze(broken)).not.toThrow();
    const odd = {
      format: 'chatlet.scenario/1',
      name: 'x',
      start: 'a',
      nodes: [{ id: 'a', type: 'message' }],
    } as unknown as Scenario;
    expect(analyze(odd).diagnostics).toBeInstanceOf(Array);
  });

  it('analyzes a 1,000-node scenario in a few milliseconds', () => {
    const nodes: ScenarioNode[] = [];
    for (let i = 0; i < 1000; i++) {
      const next = i === 999 ? 'end' : `n${i + 1}`;
      nodes.push(
        i % 3 === 0
          ? {
              id: `n${i}`,
              type: 'choice',
              prompt: 'Pick {{name}}',
              options: [
                { label: 'a', next },
                { label: 'b', next: 'n0' },
              ],
            }
          : i % 3 === 1
            ? {
                id: `n${i}`,
                type: 'condition',
                branches: [{ when: 'len(name) > 3 && number(age) >= 18', next }],
                else: next,
              }
            : { id: `n${i}`, type: 'message', text: 'Hello {{upper(name)}}, you are {{age}}', next },
      );
    }
    nodes.push({ id: 'end', type: 'end' });
    const scenario: Scenario = {
      format: 'chatlet.scenario/1',
      name: 'big',
      start: 'n0',
      variables: { name: '', age: 0 },
      nodes,
    };
    expect(analyze(scenario).diagnostics).toEqual([]); // also warms the JIT up
    // The fastest of several runs: other processes on a shared machine only ever add time.
    let best = Infinity;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      analyze(scenario);
      best = Math.min(best, performance.now() - t);
    }
    expect(best).toBeLessThan(20);
  });
});
