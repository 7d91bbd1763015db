import { describe, expect, it } from 'vitest';
import { analyze } from '../2-analyze/index.ts';
import { parse } from './index.ts';

const doc = (nodes: unknown[], extra: Record<string, unknown> = {}) => ({
  format: 'chatlet.scenario/1',
  name: 'Test',
  start: 'a',
  nodes,
  ...extra,
});
const end = { id: 'end', type: 'end' };
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((x) => x.code);

describe('parse', () => {
  it('reads a valid document into the model with no diagnostics', () => {
    const r = parse(doc([{ id: 'a', type: 'message', text: 'Hi', next: 'end' }, end], { variables: { x: 1 } }));
    expect(r.diagnostics).toEqual([]);
    expect(r.scenario?.nodes.map((n) => n.id)).toEqual(['a', 'end']);
    expect(r.scenario?.variables).toEqual({ x: 1 });
  });

  it('accepts the document as JSON text', () => {
    const r = parse(JSON.stringify(doc([end], { start: 'end' })));
    expect(r.diagnostics).toEqual([]);
    expect(r.scenario?.start).toBe('end');
  });

  it('text that is not JSON is scenario.not_object, with the parser error in the message', () => {
    const r = parse('{"format": ');
    expect(r.scenario).toBeUndefined();
    expect(codes(r)).toEqual(['scenario.not_object']);
    expect(r.diagnostics[0].message).toMatch(/not valid JSON/);
  });

  it.each([null, 42, [], 'null', true, new Date(0)])('%j is not a scenario', (input) => {
    const r = parse(input);
    expect(r.scenario).toBeUndefined();
    expect(codes(r)).toEqual(['scenario.not_object']);
  });

  it('a missing or different format is scenario.format and yields no scenario', () => {
    expect(codes(parse({ ...doc([end]), format: undefined }))).toEqual(['scenario.format']);
    expect(parse({ ...doc([end]), format: 'chatlet.scenario/2' }).scenario).toBeUndefined();
  });

  it('a document without a nodes list has no scenario', () => {
    const r = parse({ format: 'chatlet.scenario/1', name: 'x', start: 'a', nodes: {} });
    expect(r.scenario).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'schema.invalid', path: 'nodes' });
  });

  it('unknown fields are warnings naming the node and field, and are left out of the model', () => {
    const r = parse(doc([{ id: 'a', type: 'end', colour: 'red', text: 'bye' }], { author: 'me' }));
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'schema.unknown_field', severity: 'warning', path: 'author' }),
      expect.objectContaining({
        code: 'schema.unknown_field',
        severity: 'warning',
        nodeId: 'a',
        path: 'nodes[0].colour',
      }),
    ]);
    expect(r.diagnostics[1].message).toContain('"a"');
    expect(r.diagnostics[1].message).toContain('colour');
    expect(r.scenario?.nodes[0]).toEqual({ id: 'a', type: 'end', text: 'bye' });
  });

  it('a nested unknown field is reported with its full path', () => {
    const r = parse(doc([{ id: 'a', type: 'choice', prompt: 'p', options: [{ label: 'x', next: 'a', icon: '*' }] }]));
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'schema.unknown_field', path: 'nodes[0].options[0].icon' }),
    ]);
    expect(r.scenario?.nodes).toHaveLength(1);
  });

  it('a missing required field is schema.invalid naming the node and the field, and the node is left out', () => {
    const r = parse(
      doc([
        { id: 'a', type: 'choice', prompt: 'Pick', options: [{ label: 'One', next: 'end' }, { label: 'Two' }] },
        end,
      ]),
    );
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema.invalid',
        severity: 'error',
        nodeId: 'a',
        path: 'nodes[0].options[1].next',
      }),
    ]);
    expect(r.diagnostics[0].message).toMatch(/Node "a", field "options\[1\]\.next" is required/);
    expect(r.scenario?.nodes.map((n) => n.id)).toEqual(['end']);
  });

  it('a wrong type says what was expected and what was found', () => {
    const r = parse(doc([{ id: 'a', type: 'message', text: 'x', next: 7 }]));
    expect(r.diagnostics[0]).toMatchObject({ code: 'schema.invalid', path: 'nodes[0].next' });
    expect(r.diagnostics[0].message).toMatch(/must be text, not number 7/);
  });

  it('a bad optional field is reported, and the node is kept without it', () => {
    const r = parse(doc([{ id: 'a', type: 'message', text: 'x', image: 5, next: 'end' }, end]));
    expect(codes(r)).toEqual(['schema.invalid']);
    expect(r.scenario?.nodes[0]).toEqual({ id: 'a', type: 'message', text: 'x', next: 'end' });
  });

  it('a node of unknown type is node.unknown_type and is left out', () => {
    const r = parse(doc([{ id: 'a', type: 'carousel' }, end]));
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'node.unknown_type', nodeId: 'a', path: 'nodes[0].type' }),
    ]);
    expect(r.scenario?.nodes.map((n) => n.id)).toEqual(['end']);
  });

  it('nodes without an id, or that are not objects, are reported by their index', () => {
    const r = parse(doc([{ type: 'end' }, 'end', { id: '', type: 'end' }]));
    expect(r.diagnostics.map((x) => x.path)).toEqual(['nodes[0].id', 'nodes[1]', 'nodes[2].id']);
    expect(r.scenario?.nodes).toEqual([]);
  });

  it('settings keep their valid fields when one is invalid', () => {
    const r = parse(
      doc([end], { start: 'end', settings: { mode: 'fullscreen', typingDelay: 'PT1S', startOn: { type: 'hover' } } }),
    );
    expect(r.diagnostics.map((x) => [x.code, x.path])).toEqual([
      ['schema.invalid', 'settings.mode'],
      ['schema.invalid', 'settings.startOn.type'],
    ]);
    expect(r.scenario?.settings).toEqual({ typingDelay: 'PT1S' });
  });

  it('a header value marked public must say public: true', () => {
    const r = parse(
      doc([
        {
          id: 'a',
          type: 'http',
          method: 'GET',
          url: 'https://x',
          headers: { K: { value: 'v', public: false } },
          next: 'a',
        },
      ]),
    );
    expect(r.diagnostics[0]).toMatchObject({ code: 'schema.invalid', path: 'nodes[0].headers.K.public' });
  });

  it('a missing name or start is schema.invalid, and the scenario is still returned', () => {
    const r = parse({ format: 'chatlet.scenario/1', nodes: [end] });
    expect(r.diagnostics.map((x) => x.path)).toEqual(['name', 'start']);
    expect(r.scenario).toBeDefined();
  });

  it('later diagnostics use the document index of a node even when an earlier node was left out', () => {
    const r = parse(
      doc([{ id: 'bad', type: 'nope' }, { id: 'a', type: 'message', text: '{{ x }}', next: 'end' }, end]),
    );
    const a = analyze(r.scenario!);
    expect(a.diagnostics).toEqual([expect.objectContaining({ code: 'expr.unknown_variable', path: 'nodes[1].text' })]);
  });

  it('a reference to a node that was left out is not reported a second time as dangling', () => {
    const r = parse(
      doc([
        { id: 'a', type: 'message', text: 'x', next: 'b' },
        { id: 'b', type: 'message', text: 5, next: 'end' },
        end,
      ]),
    );
    expect(codes(r)).toEqual(['schema.invalid']);
    expect(codes(analyze(r.scenario!))).not.toContain('node.dangling_next');
  });

  it('a "__proto__" key anywhere is refused, so no copy of the scenario can gain a prototype', () => {
    const r = parse(
      '{"format":"chatlet.scenario/1","name":"x","start":"a","variables":{"__proto__":{"admin":true}},' +
        '"nodes":[{"id":"a","type":"http","method":"GET","url":"https://x","headers":{"__proto__":{"value":"v","public":true}},"next":"a"}]}',
    );
    expect(r.diagnostics.map((x) => [x.code, x.path])).toEqual([
      ['schema.invalid', 'variables.__proto__'],
      ['schema.invalid', 'nodes[0].headers.__proto__'],
    ]);
    expect(r.scenario?.variables).toEqual({});
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('an empty name is allowed for drafts, but an empty start is not', () => {
    const r = parse({ format: 'chatlet.scenario/1', name: '', start: '', nodes: [] });
    expect(r.diagnostics.map((x) => x.path)).toEqual(['start']);
  });

  it('never throws on an object whose fields throw when read', () => {
    const hostile = doc([]);
    Object.defineProperty(hostile, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const r = parse(hostile);
    expect(codes(r)).toEqual(['scenario.not_object']);
  });
});
