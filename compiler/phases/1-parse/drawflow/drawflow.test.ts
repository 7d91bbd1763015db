import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../check.ts';
import { fromDrawflow, portsOf, readGraph, toDrawflow } from './index.ts';

const VALID = join(import.meta.dirname, '../../../samples/valid');
const samples = readdirSync(VALID).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(join(VALID, f), 'utf8')) as Record<string, unknown>;
const demo = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/drawflow-docs-demo.json'), 'utf8'));
const demoScenario = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../demo/scenario.json'), 'utf8'));

/** What Drawflow's own export does to our graph: a JSON trip, numeric ids, connections on one side only. */
function mangleLikeDrawflow(exported: unknown) {
  const copy = JSON.parse(JSON.stringify(exported));
  for (const node of Object.values(copy.drawflow.Home.data) as any[]) {
    node.id = Number(node.id);
    for (const port of Object.values(node.outputs) as any[]) for (const c of port.connections) c.node = Number(c.node);
    node.inputs = { input_1: { connections: [] } };
  }
  return copy;
}

describe('scenario ⇄ Drawflow', () => {
  for (const file of [...samples, 'demo/scenario.json']) {
    it(`round-trips ${file} exactly, layout included`, () => {
      const doc = file.startsWith('demo/') ? demoScenario : load(file);
      const back = fromDrawflow(JSON.parse(JSON.stringify(toDrawflow(doc))));
      expect(back).toStrictEqual(doc);
      expect(Object.keys(back)).toEqual(Object.keys(doc));
    });
  }

  it('draws one output port per branch and one edge per connected port', () => {
    const exported = toDrawflow(load('full-featured.json'));
    const nodes = Object.values(exported.drawflow.Home.data);
    const menu = nodes.find((n) => (n.data.node as any).id === 'menu')!;
    expect(Object.keys(menu.outputs)).toEqual(['output_1', 'output_2', 'output_3']);
    const order = nodes.find((n) => (n.data.node as any).id === 'order')!;
    expect(Object.keys(order.outputs)).toHaveLength(2);
    for (const n of nodes) expect(Object.keys(n.outputs)).toHaveLength(portsOf(n.data.node).length);
  });

  it('reads a graph whose ids are numbers and whose connections are listed on the outputs only', () => {
    for (const file of samples) {
      const doc = load(file);
      expect(fromDrawflow(mangleLikeDrawflow(toDrawflow(doc)))).toStrictEqual(doc);
    }
  });

  it('reads connections listed on the inputs only, with the inverted "input" key naming the output', () => {
    const doc = load('lead-capture.json');
    const exported = JSON.parse(JSON.stringify(toDrawflow(doc)));
    for (const node of Object.values(exported.drawflow.Home.data) as any[]) {
      for (const port of Object.values(node.outputs) as any[]) port.connections = [];
    }
    expect(fromDrawflow(exported)).toStrictEqual(doc);
  });

  it('lets connections drawn on the canvas win over the branch fields stored in the node', () => {
    const doc = load('lead-capture.json');
    const exported = JSON.parse(JSON.stringify(toDrawflow(doc)));
    const data = exported.drawflow.Home.data;
    const first = data['1'];
    const old = first.outputs.output_1.connections[0].node;
    first.outputs.output_1.connections = [{ node: '3', output: 'input_1' }];
    data[old].inputs.input_1.connections = [];
    const back = fromDrawflow(exported) as any;
    expect(back.nodes[0].next).toBe(back.nodes[2].id);
  });

  it('turns a removed connection into an unconnected field, which the compiler reports on the node', () => {
    const doc = load('lead-capture.json');
    const exported = JSON.parse(JSON.stringify(toDrawflow(doc)));
    exported.drawflow.Home.data['1'].outputs.output_1.connections = [];
    for (const n of Object.values(exported.drawflow.Home.data) as any[])
      n.inputs.input_1.connections = n.inputs.input_1.connections.filter((c: any) => c.node !== '1');
    const back = fromDrawflow(exported) as any;
    expect(back.nodes[0].next).toBe('');
    const result = check(back);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'node.dangling_next', nodeId: back.nodes[0].id }),
    );
  });

  it('keeps a reference to a node that does not exist, so the error still names it', () => {
    const doc = {
      format: 'chatlet.scenario/1',
      name: 'x',
      start: 'a',
      nodes: [{ id: 'a', type: 'message', text: 'hi', next: 'missing' }],
    };
    expect(fromDrawflow(toDrawflow(doc))).toStrictEqual(doc);
  });

  it('places nodes without layout automatically and leaves them out of layout until they are moved', () => {
    const doc = load('faq-intents.json');
    const exported = toDrawflow(doc);
    const positions = Object.values(exported.drawflow.Home.data).map((n) => `${n.pos_x},${n.pos_y}`);
    expect(new Set(positions).size).toBe(positions.length);
    exported.drawflow.Home.data['2'].pos_x += 40;
    const back = fromDrawflow(exported) as any;
    expect(Object.keys(back.layout)).toEqual([(exported.drawflow.Home.data['2'].data.node as any).id]);
  });
});

describe("Drawflow's own demo export (docs/index.html)", () => {
  it('reads every module, with numeric and string ids as one id, and edges from both inverted sides', () => {
    const graph = readGraph(demo);
    expect(graph.map((g) => g.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '11', '8', '9', '12']);
    const edges = graph.flatMap((g) =>
      g.outputs.flatMap((targets, i) => targets.map((t) => `${g.key}:${i + 1}->${t}`)),
    );
    expect(edges.sort()).toEqual(
      [
        '5:1->4',
        '5:1->11',
        '6:1->5',
        '7:1->2',
        '7:1->3',
        '7:1->11',
        '8:1->9',
        '9:1->12',
        '12:1->8',
        '12:2->8',
        '12:3->8',
        '12:4->8',
      ].sort(),
    );
  });

  it('becomes a document the compiler reports on, node by node, without reading any html', () => {
    const doc = fromDrawflow(demo) as any;
    expect(doc.nodes).toHaveLength(11);
    expect(JSON.stringify(doc)).not.toMatch(/onclick|ondblclick|<div|href/);
    expect(doc.layout.node_9).toEqual({ x: 209, y: 38 });
    const result = check(doc);
    expect(result.ok).toBe(false);
    const unknown = result.diagnostics.filter((d) => d.code === 'node.unknown_type');
    expect(unknown).toHaveLength(11);
  });

  it('never throws on broken exports', () => {
    for (const input of [
      null,
      1,
      'x',
      {},
      { drawflow: null },
      {
        drawflow: { Home: { data: { 1: null, 2: { outputs: { output_1: { connections: [null, { node: 99 }] } } } } } },
      },
    ]) {
      expect(() => fromDrawflow(input)).not.toThrow();
      expect(() => toDrawflow((input ?? {}) as any)).not.toThrow();
    }
  });
});
