/**
 * The canvas: a Drawflow editor kept in step with the scenario document. The document is the
 * truth; `render()` diffs it against what is drawn and changes only that. Whatever the author does
 * on the canvas (drag, connect, delete) is reported as an intent through the callbacks and comes
 * back as a new document, never as Drawflow's own edit. Nodes are built by us (Drawflow's import
 * would put their `html` through innerHTML and lays out one node at a time), so opening a big
 * scenario is one DOM insertion and one layout pass.
 *
 * The parts, one concern each: drawflow-adapter.ts (Drawflow and its record), edges.ts (the edge
 * layer), selection.ts (selecting and dragging), layout.ts (where nodes go), diagnostics-overlay.ts
 * (problems on nodes), viewport.ts (pan and zoom).
 */
import { nodeClass, portsOf, type Diagnostic } from '../../compiler/browser.ts';
import type { Doc, NodeDoc, Position } from '../model/types.ts';
import type { DrawflowEditor } from './drawflow.d.ts';
import {
  createEditor,
  forgetNode,
  homeData,
  recordNode,
  recordOutputCount,
  recordPosition,
  recordType,
  type DrawnConnection,
} from './drawflow-adapter.ts';
import { unlinkData } from './drawflow-links.ts';
import type { Analytics } from '../../rest/index.ts';
import { nodeFigures } from '../results/results-model.ts';
import { paintAnalytics } from './analytics-overlay.ts';
import { showProblems } from './diagnostics-overlay.ts';
import type { Drawn, DrawnNodes } from './drawn.ts';
import { EdgeLayer } from './edges.ts';
import { emptyHint } from './empty-hint.ts';
import { outputTop } from './geometry.ts';
import { nodeBoxes, placeNodes } from './layout.ts';
import { fillContent, nodeElement } from './node-dom.ts';
import { Selection } from './selection.ts';
import { Viewport } from './viewport.ts';

/** The author's intents on the canvas; the controller turns them into commands. */
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

/** The drag-and-drop type of a palette entry dragged onto the canvas. */
export const NODE_DRAG_TYPE = 'application/x-chatlet-node';

/** The scenario drawn with Drawflow; see the file's comment. */
export class CanvasView {
  readonly editor: DrawflowEditor;
  readonly viewport: Viewport;
  private nodes: DrawnNodes = { byKey: new Map(), byDf: new Map() };
  private edges: EdgeLayer;
  private selection: Selection;
  private nextDf = 1;
  /** Where nodes without a saved position were put, so they stay put for this session. */
  private placed = new Map<string, Position>();
  private hint: HTMLElement;
  private lastDoc: Doc | undefined;
  /** The figures Analytics shows, while it is on. */
  private analytics: Analytics | undefined;

  constructor(
    readonly container: HTMLElement,
    private readonly on: CanvasCallbacks,
  ) {
    this.editor = createEditor(container, {
      removeNode: (df) => {
        const d = this.nodes.byDf.get(df);
        if (d) this.on.remove(this.selection.has(d.key) ? this.selection.keys() : [d.key]);
      },
      removeConnection: (svg) => {
        const edge = this.edges.bySvg(svg);
        if (edge) this.on.connect(edge.from.node.id, edge.port, undefined);
      },
      nodeDragged: (df) => {
        const d = this.nodes.byDf.get(df);
        if (d) this.edges.redraw(new Set([d]));
      },
      connectionDrawn: (c) => this.connectionDrawn(c),
      nodeMoved: () => this.selection.dragEnded(),
      pointerMoved: () => this.selection.dragging(),
    });
    this.viewport = new Viewport(this.editor, container, (zoom) => this.on.zoomed(zoom));
    this.edges = new EdgeLayer(this.editor);
    this.selection = new Selection(container, this.editor, this.nodes, this.viewport, on, (moved) =>
      this.edges.redraw(moved),
    );
    container.addEventListener('mousedown', (e) => (this.viewport.hold(), this.selection.pointerDown(e)), true);
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
    if (this.lastDoc && doc !== this.lastDoc) this.viewport.hold();
    this.lastDoc = doc;
    const wanted = placeNodes(doc, this.placed, this.viewport.size());
    this.hint.hidden = doc.nodes.length > 0;

    for (const [key, d] of this.nodes.byKey) if (!wanted.has(key)) this.removeNode(d);
    const fresh = document.createDocumentFragment();
    const dirty = new Set<Drawn>();
    for (const [key, { node, pos }] of wanted) {
      const isStart = node.id === doc.start && key === node.id;
      const d = this.nodes.byKey.get(key);
      if (!d) {
        const created = this.createNode(key, node, pos, isStart);
        fresh.append(created.el.parentElement!);
        dirty.add(created);
        continue;
      }
      if (d.node !== node || d.isStart !== isStart) {
        this.updateNode(d, node, isStart);
        dirty.add(d);
      }
      if (d.x !== pos.x || d.y !== pos.y) {
        d.x = pos.x;
        d.y = pos.y;
        d.el.style.left = `${pos.x}px`;
        d.el.style.top = `${pos.y}px`;
        recordPosition(this.editor, d.df, pos);
        dirty.add(d);
      }
    }
    if (fresh.childNodes.length) this.editor.precanvas.append(fresh);
    this.edges.sync(this.nodes.byKey, dirty);
    showProblems(this.nodes.byKey.values(), diagnostics);
    if (this.analytics) this.paintAnalytics(doc);
    this.selection.show(selection);
  }

  /** Shows the figures of an analytics answer on the nodes, or takes them away (undefined). */
  showAnalytics(analytics: Analytics | undefined): void {
    const had = this.analytics;
    this.analytics = analytics;
    if (analytics && this.lastDoc) this.paintAnalytics(this.lastDoc);
    else if (had) paintAnalytics(this.nodes.byKey.values(), undefined);
  }

  private paintAnalytics(doc: Doc): void {
    paintAnalytics(this.nodes.byKey.values(), nodeFigures(this.analytics!, doc.nodes));
  }

  /** Pans so the node is in the middle of the view. */
  focus(id: string): void {
    const d = this.nodes.byKey.get(id);
    if (!d) return;
    this.viewport.centre({ x: d.x, y: d.y, width: d.el.offsetWidth, height: d.el.offsetHeight });
  }

  /** Zooms in or out a step, back to 100 %, or to fit every node in view. */
  zoom(direction: 'in' | 'out' | 'reset' | 'fit'): void {
    if (direction === 'fit') this.viewport.fit(() => nodeBoxes(this.nodes.byKey.values()));
    else this.viewport.zoom(direction);
  }

  /** The element of a node, for tests and the properties panel. */
  elementOf(id: string): HTMLElement | undefined {
    return this.nodes.byKey.get(id)?.el;
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
    recordNode(this.editor, df, node, pos);
    this.resizeOutputs(d, ports.length);
    fillContent(content, node, ports, isStart);
    this.nodes.byKey.set(key, d);
    this.nodes.byDf.set(df, d);
    return d;
  }

  /** Redraws a node whose document node (or start mark) changed; its problems are shown afresh. */
  private updateNode(d: Drawn, node: NodeDoc, isStart: boolean): void {
    const ports = portsOf(node);
    if (ports.length !== d.ports.length) this.resizeOutputs(d, ports.length);
    d.node = node;
    d.ports = ports;
    d.isStart = isStart;
    recordType(this.editor, d.df, node.type);
    d.el.className = `drawflow-node ${nodeClass(node.type)}${d.el.classList.contains('selected') ? ' selected' : ''}`;
    fillContent(d.content, node, ports, isStart);
    d.problems = '';
  }

  private resizeOutputs(d: Drawn, count: number): void {
    const box = d.el.querySelector('.outputs')!;
    this.edges.removeTouching(d, count);
    recordOutputCount(this.editor, d.df, d.outputs.length, count);
    while (d.outputs.length > count) d.outputs.pop()!.remove();
    while (d.outputs.length < count) {
      const out = document.createElement('div');
      out.className = `output output_${d.outputs.length + 1}`;
      out.style.top = `${outputTop(d.outputs.length)}px`;
      box.append(out);
      d.outputs.push(out);
    }
  }

  private removeNode(d: Drawn): void {
    this.edges.removeTouching(d);
    d.el.parentElement?.remove();
    forgetNode(this.editor, d.df, d.el);
    this.nodes.byKey.delete(d.key);
    this.nodes.byDf.delete(d.df);
  }

  private connectionDrawn(c: DrawnConnection): void {
    // Undo what Drawflow just did by itself; the document decides what is drawn.
    const svg = this.container.querySelector(
      `.connection.node_in_node-${c.input_id}.node_out_node-${c.output_id}.${c.output_class}.${c.input_class}`,
    );
    const from = this.nodes.byDf.get(Number(c.output_id));
    const to = this.nodes.byDf.get(Number(c.input_id));
    const port = Number(c.output_class.slice('output_'.length)) - 1;
    if (!(from && to && this.edges.has(from, port, to))) {
      svg?.remove();
      unlinkData(homeData(this.editor), c.output_id, port, c.input_id, c.input_class);
    }
    if (from && to) this.on.connect(String(from.node.id), port, String(to.node.id));
  }
}
