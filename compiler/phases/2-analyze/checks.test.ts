import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioNode } from '../../model/types.ts';
import { analyze } from './index.ts';
import { check, codes, end, msg } from '../../test/analyze-support.ts';

// Checks of what fields hold: expressions, texts, secrets and URLs; and the phase's robustness.
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
