/**
 * The canvas: a Drawflow editor kept in step with the scenario document. The document is the
 * truth; `render()` diffs it against what is drawn and changes only that. Whatever the author does
 * on the canvas (drag, connect, delete) is reported as an intent through the callbacks and comes
 * back as a new document, never as Drawflow's own edit. Nodes are built by us (Drawflow's import
 * would put their `html` through innerHTML and lays out one node at a time), so opening a big
 * scenario is one DOM insertion and one layout pass.
 */
import Drawflow from 'drawflow';
import { portsOf, portTarget, nodeClass, type Port } from '../../compiler/phases/1-parse/drawflow/index.ts';
import type { Diagnostic } from '../../compiler/check.ts';
import { flowLayout, NODE_BOX } from '../model/flow-layout.ts';
import { problemsByNode } from '../model/problems.ts';
import type { Doc, NodeDoc, Position } from '../model/types.ts';
import type { DrawflowEditor } from './drawflow.d.ts';
import { fillContent, markProblems, nodeElement } from './node-dom.ts';
import { rubberBand } from './rubber-band.ts';
import { linkData, unlinkData } from './drawflow-links.ts';
import { outputTop } from './geometry.ts';
import { edgePaths, type EdgeEnds } from './paths.ts';
import { Viewport } from './viewport.ts';
import { emptyHint } from './empty-hint.ts';

export interface CanvasCallbacks {
  select(ids: string[], mode: 'replace' | 'toggle' | 'add'): void;
  move(positions: Record<string, Position>): void;
  connect(id: string, port: number, target: string | undefined): void;
  remove(ids: string[]): void;
  drop(type: string, at: Position): void;
  /** The zoom changed (wheel, buttons, keys, fit): the toolbar shows it. */
  zoomed(zoom: number): void;
  /** The empty canvas's button: add the first node. */
  addFirst(): void;
}

interface Drawn {
  key: string;
  df: number;
  el: HTMLElement;
  content: HTMLElement;
  outputs: HTMLElement[];
  input: HTMLElement;
  node: NodeDoc;
  ports: Port[];
  isStart: boolean;
  x: number;
  y: number;
  problems: string;
}

interface Edge {
  from: Drawn;
  port: number;
  to: Drawn;
  /** A `g.connection` in the one edge layer (Drawflow gives each edge its own svg element, which costs a layout per edge on every frame). */
  svg: SVGGElement;
}

const SVG = 'http://www.w3.org/2000/svg';
export const NODE_DRAG_TYPE = 'application/x-chatlet-node';

export class CanvasView {
  readonly editor: DrawflowEditor;
  readonly viewport: Viewport;
  private drawn = new Map<string, Drawn>();
  private byDf = new Map<number, Drawn>();
  private edges = new Map<string, Edge>();
  /** The edges touching each node, so a drag redraws its own edges without scanning the rest. */
  private touching = new Map<Drawn, Set<Edge>>();
  private nextDf = 1;
  private edgeLayer!: SVGSVGElement;
  private selection = new Set<string>();
  private dragStart = new Map<string, Position>();
  /** Where nodes without a saved position were put, so they stay put for this session. */
  private placed = new Map<string, Position>();
  private hint: HTMLElement;
  private lastDoc: Doc | undefined;

  constructor(
    readonly container: HTMLElement,
    private readonly on: CanvasCallbacks,
  ) {
    const editor = new Drawflow(container);
    editor.reroute = false;
    editor.zoom_min = 0.2;
    editor.zoom_max = 2;
    // Keys are the builder's (undo, delete of a multi-selection…); Drawflow's own would edit behind our back.
    editor.key = () => undefined;
    editor.removeNodeId = (domId: string) => {
      const d = this.byDf.get(Number(domId.slice(5)));
      if (d) this.on.remove(this.selection.has(d.key) ? [...this.selection] : [d.key]);
    };
    editor.removeConnection = () => {
      const sel = editor.connection_selected?.parentElement;
      editor.connection_selected = null;
      const edge = [...this.edges.values()].find((e) => (e.svg as Element) === sel);
      if (edge) this.on.connect(edge.from.node.id, edge.port, undefined);
    };
    // Drawflow calls this on every drag step; its version queries the whole canvas and measures
    // each port, which costs a layout per edge. Ours draws the node's edges from positions.
    editor.updateConnectionNodes = (domId: string) => {
      const d = this.byDf.get(Number(domId.slice(5)));
      if (d) this.redrawEdges(new Set([d]));
    };
    editor.start();
    this.editor = editor;
    this.viewport = new Viewport(editor, container, (zoom) => this.on.zoomed(zoom));
    this.edgeLayer = document.createElementNS(SVG, 'svg') as SVGSVGElement;
    this.edgeLayer.classList.add('cl-edges');
    editor.precanvas.append(this.edgeLayer);
    editor.on(
      'connectionCreated',
      (c: { output_id: string; input_id: string; output_class: string; input_class: string }) =>
        this.connectionDrawn(c),
    );
    editor.on('nodeMoved', () => this.dragEnded());
    editor.on('mouseMove', () => this.dragging());
    container.addEventListener('mousedown', (e) => (this.viewport.hold(), this.pointerDown(e)), true);
    container.addEventListener('dragover', (e) => e.preventDefault());
    this.hint = emptyHint(() => this.on.addFirst());
    container.append(this.hint);
    container.addEventListener('drop', (e) => {
      const type = e.dataTransfer?.getData(NODE_DRAG_TYPE);
      if (!type) return;
      e.preventDefault();
      this.on.drop(type, this.viewport.toCanvas(e.clientX, e.clientY));
    });
  }

  /** Brings the canvas in line with the document, its diagnostics and the selection. */
  render(doc: Doc, diagnostics: Diagnostic[], selection: Set<string>): void {
    const precanvas = this.editor.precanvas;
    const data = this.editor.drawflow.drawflow.Home.data;
    if (this.lastDoc && doc !== this.lastDoc) this.viewport.hold();
    this.lastDoc = doc;
    const wanted = new Map<string, { node: NodeDoc; pos: Position }>();
    let auto: Map<string, Position> | undefined;
    doc.nodes.forEach((node, i) => {
      let key = String(node.id);
      for (let n = 2; wanted.has(key); n++) key = `${node.id}\u0000${n}`;
      let pos = doc.layout?.[node.id] ?? this.placed.get(key);
      if (!pos) {
        auto ??= flowLayout(doc.nodes, doc.start, this.viewport.size());
        pos = auto.get(String(i))!;
        this.placed.set(key, pos);
      }
      wanted.set(key, { node, pos });
    });
    this.hint.hidden = doc.nodes.length > 0;

    for (const [key, d] of this.drawn) if (!wanted.has(key)) this.removeNode(d);
    const fresh = document.createDocumentFragment();
    const dirty = new Set<Drawn>();
    for (const [key, { node, pos }] of wanted) {
      const isStart = node.id === doc.start && key === node.id;
      let d = this.drawn.get(key);
      if (!d) {
        d = this.createNode(key, node, pos, isStart);
        fresh.append(d.el.parentElement!);
        dirty.add(d);
        continue;
      }
      if (d.node !== node || d.isStart !== isStart) {
        const ports = portsOf(node);
        if (ports.length !== d.ports.length) this.resizeOutputs(d, ports.length);
        d.node = node;
        d.ports = ports;
        d.isStart = isStart;
        data[d.df].name = node.type;
        d.el.className = `drawflow-node ${nodeClass(node.type)}${d.el.classList.contains('selected') ? ' selected' : ''}`;
        fillContent(d.content, node, ports, isStart);
        d.problems = '';
        dirty.add(d);
      }
      if (d.x !== pos.x || d.y !== pos.y) {
        d.x = pos.x;
        d.y = pos.y;
        d.el.style.left = `${pos.x}px`;
        d.el.style.top = `${pos.y}px`;
        data[d.df].pos_x = pos.x;
        data[d.df].pos_y = pos.y;
        dirty.add(d);
      }
    }
    if (fresh.childNodes.length) precanvas.append(fresh);

    // Edges: one per connected port whose target is drawn.
    const want = new Map<string, [Drawn, number, Drawn]>();
    for (const d of this.drawn.values()) {
      d.ports.forEach((port, k) => {
        const target = portTarget(d.node, port);
        const to = target ? this.drawn.get(target) : undefined;
        if (to) want.set(`${d.df}|${k}|${to.df}`, [d, k, to]);
      });
    }
    for (const [key, e] of this.edges) if (!want.has(key)) this.removeEdge(key, e);
    const svgs = document.createDocumentFragment();
    for (const [key, [from, port, to]] of want) {
      if (this.edges.has(key)) continue;
      const e = this.addEdge(key, from, port, to);
      svgs.append(e.svg);
      dirty.add(from);
      dirty.add(to);
    }
    if (svgs.childNodes.length) this.edgeLayer.append(svgs);
    this.redrawEdges(dirty);

    this.showProblems(diagnostics);
    this.showSelection(selection);
  }

  /** Pans so the node is in the middle of the view. */
  focus(id: string): void {
    const d = this.drawn.get(id);
    if (!d) return;
    this.viewport.centre({ x: d.x, y: d.y, width: d.el.offsetWidth, height: d.el.offsetHeight });
  }

  zoom(direction: 'in' | 'out' | 'reset' | 'fit'): void {
    if (direction === 'fit')
      this.viewport.fit(() =>
        [...this.drawn.values()].map((d) => ({
          x: d.x,
          y: d.y,
          width: NODE_BOX.width,
          height: d.el.offsetHeight || NODE_BOX.height,
        })),
      );
    else this.viewport.zoom(direction);
  }

  /** The element of a node, for tests and the properties panel. */
  elementOf(id: string): HTMLElement | undefined {
    return this.drawn.get(id)?.el;
  }

  private createNode(key: string, node: NodeDoc, pos: Position, isStart: boolean): Drawn {
    const df = this.nextDf++;
    const { el, content, input } = nodeElement(df, node, pos);
    const ports = portsOf(node);
    const d: Drawn = {
      key,
      df,
      el,
      content,
      outputs: [],
      input,
      node,
      ports,
      isStart,
      x: pos.x,
      y: pos.y,
      problems: '',
    };
    this.editor.drawflow.drawflow.Home.data[df] = {
      id: df,
      name: node.type,
      data: {},
      class: nodeClass(node.type),
      html: '',
      typenode: false,
      inputs: { input_1: { connections: [] } },
      outputs: {},
      pos_x: pos.x,
      pos_y: pos.y,
    };
    this.resizeOutputs(d, ports.length);
    fillContent(content, node, ports, isStart);
    this.drawn.set(key, d);
    this.byDf.set(df, d);
    return d;
  }

  private resizeOutputs(d: Drawn, count: number): void {
    const box = d.el.querySelector('.outputs')!;
    const outputs = this.editor.drawflow.drawflow.Home.data[d.df].outputs;
    for (const e of [...(this.touching.get(d) ?? [])])
      if (e.from === d && e.port >= count) this.removeEdge(`${e.from.df}|${e.port}|${e.to.df}`, e);
    while (d.outputs.length > count) {
      d.outputs.pop()!.remove();
      delete outputs[`output_${d.outputs.length + 1}`];
    }
    while (d.outputs.length < count) {
      const out = document.createElement('div');
      out.className = `output output_${d.outputs.length + 1}`;
      out.style.top = `${outputTop(d.outputs.length)}px`;
      box.append(out);
      d.outputs.push(out);
      outputs[`output_${d.outputs.length}`] = { connections: [] };
    }
  }

  private removeNode(d: Drawn): void {
    for (const e of [...(this.touching.get(d) ?? [])]) this.removeEdge(`${e.from.df}|${e.port}|${e.to.df}`, e);
    this.touching.delete(d);
    d.el.parentElement?.remove();
    delete this.editor.drawflow.drawflow.Home.data[d.df];
    this.drawn.delete(d.key);
    this.byDf.delete(d.df);
    if (this.editor.node_selected === d.el) this.editor.node_selected = null;
  }

  private addEdge(key: string, from: Drawn, port: number, to: Drawn): Edge {
    const svg = document.createElementNS(SVG, 'g') as SVGGElement;
    // Drawflow reads these classes by position: node_in, node_out, output class, input class.
    svg.classList.add(
      'connection',
      `node_in_node-${to.df}`,
      `node_out_node-${from.df}`,
      `output_${port + 1}`,
      'input_1',
    );
    const path = document.createElementNS(SVG, 'path');
    path.classList.add('main-path');
    svg.append(path);
    linkData(this.editor.drawflow.drawflow.Home.data, from.df, port, to.df);
    const e = { from, port, to, svg };
    this.edges.set(key, e);
    for (const d of [from, to]) {
      if (!this.touching.has(d)) this.touching.set(d, new Set());
      this.touching.get(d)!.add(e);
    }
    return e;
  }

  private removeEdge(key: string, e: Edge): void {
    e.svg.remove();
    unlinkData(this.editor.drawflow.drawflow.Home.data, e.from.df, e.port, e.to.df);
    this.edges.delete(key);
    this.touching.get(e.from)?.delete(e);
    this.touching.get(e.to)?.delete(e);
  }

  /** Recomputes the paths of every edge that touches one of the nodes: all reads first, then all writes. */
  private redrawEdges(nodes: Set<Drawn>): void {
    if (!nodes.size) return;
    const todo = new Set<Edge>();
    for (const d of nodes) for (const e of this.touching.get(d) ?? []) todo.add(e);
    const data = this.editor.drawflow.drawflow.Home.data;
    // Positions from Drawflow's data: during a drag they are ahead of the document.
    const at = (d: Drawn) => ({ x: data[d.df]?.pos_x ?? d.x, y: data[d.df]?.pos_y ?? d.y });
    const ends: EdgeEnds[] = [...todo].map((e) => ({
      from: at(e.from),
      port: e.port,
      to: at(e.to),
      path: e.svg.firstChild as SVGPathElement,
    }));
    edgePaths(this.editor, ends);
  }

  private showProblems(diagnostics: Diagnostic[]): void {
    const by = problemsByNode(diagnostics);
    for (const d of this.drawn.values()) {
      const p = by.get(String(d.node.id)) ?? { errors: [], warnings: [] };
      const sig = [...p.errors, '|', ...p.warnings].join('\n');
      if (sig === d.problems) continue;
      d.problems = sig;
      markProblems(d.el, p.errors, p.warnings);
    }
  }

  private showSelection(selection: Set<string>): void {
    for (const key of this.selection) if (!selection.has(key)) this.drawn.get(key)?.el.classList.remove('cl-selected');
    for (const key of selection) this.drawn.get(key)?.el.classList.add('cl-selected');
    this.selection = new Set(selection);
  }

  private connectionDrawn(c: { output_id: string; input_id: string; output_class: string; input_class: string }): void {
    // Undo what Drawflow just did by itself; the document decides what is drawn.
    const svg = this.container.querySelector(
      `.connection.node_in_node-${c.input_id}.node_out_node-${c.output_id}.${c.output_class}.${c.input_class}`,
    );
    const from = this.byDf.get(Number(c.output_id));
    const to = this.byDf.get(Number(c.input_id));
    const port = Number(c.output_class.slice('output_'.length)) - 1;
    const known = from && to && this.edges.get(`${from.df}|${port}|${to.df}`);
    if (!known) {
      svg?.remove();
      unlinkData(this.editor.drawflow.drawflow.Home.data, c.output_id, port, c.input_id, c.input_class);
    }
    if (from && to) this.on.connect(String(from.node.id), port, String(to.node.id));
  }

  private pointerDown(e: MouseEvent): void {
    const target = e.target as Element;
    if (e.button !== 0 || target.closest('.output, .input')) return;
    const nodeEl = target.closest('.drawflow-node') as HTMLElement | null;
    const d = nodeEl ? this.byDf.get(Number(nodeEl.id.slice(5))) : undefined;
    if (d) {
      const toggle = e.shiftKey || e.metaKey || e.ctrlKey;
      if (toggle) this.on.select([d.key], 'toggle');
      else if (!this.selection.has(d.key)) this.on.select([d.key], 'replace');
      this.dragStart = new Map(
        [...this.selection, d.key].map((k) => [k, { x: this.drawn.get(k)?.x ?? 0, y: this.drawn.get(k)?.y ?? 0 }]),
      );
      return;
    }
    if (target === this.container || target === this.editor.precanvas) {
      if (e.shiftKey) {
        e.stopPropagation();
        this.rubberBand(e);
      } else {
        this.on.select([], 'replace');
      }
    }
  }

  /** While Drawflow drags one node, the rest of the selection follows it. */
  private dragging(): void {
    const e = this.editor;
    if (!e.drag || !e.ele_selected) return;
    const lead = this.byDf.get(Number(e.ele_selected.id.slice(5)));
    const start = lead && this.dragStart.get(lead.key);
    if (!lead || !start || this.dragStart.size < 2) return;
    const data = e.drawflow.drawflow.Home.data;
    const dx = data[lead.df].pos_x - start.x;
    const dy = data[lead.df].pos_y - start.y;
    const moved = new Set<Drawn>();
    for (const [key, p] of this.dragStart) {
      const d = this.drawn.get(key);
      if (!d || d === lead) continue;
      d.el.style.left = `${p.x + dx}px`;
      d.el.style.top = `${p.y + dy}px`;
      data[d.df].pos_x = p.x + dx;
      data[d.df].pos_y = p.y + dy;
      moved.add(d);
    }
    this.redrawEdges(moved);
  }

  private dragEnded(): void {
    const data = this.editor.drawflow.drawflow.Home.data;
    const positions: Record<string, Position> = {};
    for (const key of this.dragStart.keys()) {
      const d = this.drawn.get(key);
      if (d) positions[String(d.node.id)] = { x: Math.round(data[d.df].pos_x), y: Math.round(data[d.df].pos_y) };
    }
    this.dragStart = new Map();
    if (Object.keys(positions).length) this.on.move(positions);
  }

  /** Shift and drag on the background: selects the nodes the rectangle touches. */
  private rubberBand(down: MouseEvent): void {
    rubberBand(this.container, down, (from, to) => {
      const a = this.viewport.toCanvas(from.x, from.y);
      const b = this.viewport.toCanvas(to.x, to.y);
      const hit = [...this.drawn.values()].filter(
        (d) => d.x < b.x && d.x + d.el.offsetWidth > a.x && d.y < b.y && d.y + d.el.offsetHeight > a.y,
      );
      this.on.select(
        hit.map((d) => d.key),
        'add',
      );
    });
  }
}
