/**
 * The edges of the canvas, in one SVG layer over the nodes. Drawflow gives each edge an svg of its
 * own, which costs a layout per edge on every frame; here every edge is a `g.connection` in one
 * layer, its path computed from node positions, never measured. Drawflow's record of the
 * connections is kept in step, because its drag code reads it.
 */
import { portTarget } from '../../compiler/browser.ts';
import type { DrawflowEditor } from './drawflow.d.ts';
import { homeData, positionOf } from './drawflow-adapter.ts';
import { linkData, unlinkData } from './drawflow-links.ts';
import { edgeKey, type Drawn, type Edge } from './drawn.ts';
import { edgePaths, type EdgeEnds } from './paths.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** The drawn edges, by key, and the edges touching each node. */
export class EdgeLayer {
  private edges = new Map<string, Edge>();
  /** The edges touching each node, so a drag redraws its own edges without scanning the rest. */
  private touching = new Map<Drawn, Set<Edge>>();
  private layer: SVGSVGElement;

  constructor(private readonly editor: DrawflowEditor) {
    this.layer = document.createElementNS(SVG, 'svg') as SVGSVGElement;
    this.layer.classList.add('cl-edges');
    editor.precanvas.append(this.layer);
  }

  /**
   * Draws one edge per connected port whose target is drawn and removes the rest; nodes with a new
   * edge join `dirty`, whose edges are then redrawn.
   */
  sync(nodes: Map<string, Drawn>, dirty: Set<Drawn>): void {
    const want = new Map<string, [Drawn, number, Drawn]>();
    for (const d of nodes.values()) {
      d.ports.forEach((port, k) => {
        const target = portTarget(d.node, port);
        const to = target ? nodes.get(target) : undefined;
        if (to) want.set(edgeKey(d, k, to), [d, k, to]);
      });
    }
    for (const [key, e] of this.edges) if (!want.has(key)) this.remove(e);
    const svgs = document.createDocumentFragment();
    for (const [key, [from, port, to]] of want) {
      if (this.edges.has(key)) continue;
      svgs.append(this.add(from, port, to).svg);
      dirty.add(from);
      dirty.add(to);
    }
    if (svgs.childNodes.length) this.layer.append(svgs);
    this.redraw(dirty);
  }

  /** Whether the edge from `port` of `from` to `to` is drawn. */
  has(from: Drawn, port: number, to: Drawn): boolean {
    return this.edges.has(edgeKey(from, port, to));
  }

  /** The edge drawn as `svg` (a `g.connection`). */
  bySvg(svg: Element | null | undefined): Edge | undefined {
    return [...this.edges.values()].find((e) => (e.svg as Element) === svg);
  }

  /** Removes a node's edges: all of them, or only those leaving it from port `fromPort` on. */
  removeTouching(d: Drawn, fromPort?: number): void {
    for (const e of [...(this.touching.get(d) ?? [])]) {
      if (fromPort === undefined || (e.from === d && e.port >= fromPort)) this.remove(e);
    }
    if (fromPort === undefined) this.touching.delete(d);
  }

  /** Recomputes the paths of every edge that touches one of the nodes: all reads first, then all writes. */
  redraw(nodes: Set<Drawn>): void {
    if (!nodes.size) return;
    const todo = new Set<Edge>();
    for (const d of nodes) for (const e of this.touching.get(d) ?? []) todo.add(e);
    // Positions from Drawflow's data: during a drag they are ahead of the document.
    const at = (d: Drawn) => positionOf(this.editor, d.df) ?? { x: d.x, y: d.y };
    const ends: EdgeEnds[] = [...todo].map((e) => ({
      from: at(e.from),
      port: e.port,
      to: at(e.to),
      path: e.svg.firstChild as SVGPathElement,
    }));
    edgePaths(this.editor, ends);
  }

  private add(from: Drawn, port: number, to: Drawn): Edge {
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
    linkData(homeData(this.editor), from.df, port, to.df);
    const e = { from, port, to, svg };
    this.edges.set(edgeKey(from, port, to), e);
    for (const d of [from, to]) {
      if (!this.touching.has(d)) this.touching.set(d, new Set());
      this.touching.get(d)!.add(e);
    }
    return e;
  }

  private remove(e: Edge): void {
    e.svg.remove();
    unlinkData(homeData(this.editor), e.from.df, e.port, e.to.df);
    this.edges.delete(edgeKey(e.from, e.port, e.to));
    this.touching.get(e.from)?.delete(e);
    this.touching.get(e.to)?.delete(e);
  }
}
