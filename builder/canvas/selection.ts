/**
 * Selecting and dragging on the canvas: a click selects a node (Shift, Ctrl or Cmd toggles it), a
 * click on the background clears the selection, Shift and drag on the background draws a rubber
 * band, and while Drawflow drags one node the rest of the selection follows it. What the author
 * selects or moves is reported as an intent; the selection shown is the one `show()` is given.
 */
import type { Position } from '../model/types.ts';
import type { DrawflowEditor } from './drawflow.d.ts';
import { homeData, recordPosition } from './drawflow-adapter.ts';
import { dfOf, type Drawn, type DrawnNodes } from './drawn.ts';
import { rubberBand } from './rubber-band.ts';
import type { Viewport } from './viewport.ts';

/** What the author did with the selection. */
export interface SelectionIntents {
  select(ids: string[], mode: 'replace' | 'toggle' | 'add'): void;
  move(positions: Record<string, Position>): void;
}

/** The selection on the canvas and the gestures that change or move it. */
export class Selection {
  /** The keys of the selected nodes, as last shown. */
  private selected = new Set<string>();
  /** Where each dragged node was when the drag began. */
  private dragStart = new Map<string, Position>();

  constructor(
    private readonly container: HTMLElement,
    private readonly editor: DrawflowEditor,
    private readonly nodes: DrawnNodes,
    private readonly viewport: Viewport,
    private readonly on: SelectionIntents,
    /** Called with the nodes that followed a drag step, so their edges are redrawn. */
    private readonly followed: (moved: Set<Drawn>) => void,
  ) {}

  /** Whether a node (by key) is selected. */
  has(key: string): boolean {
    return this.selected.has(key);
  }

  /** The selected keys. */
  keys(): string[] {
    return [...this.selected];
  }

  /** Marks the selected nodes and unmarks the others. */
  show(selection: Set<string>): void {
    for (const key of this.selected)
      if (!selection.has(key)) this.nodes.byKey.get(key)?.el.classList.remove('cl-selected');
    for (const key of selection) this.nodes.byKey.get(key)?.el.classList.add('cl-selected');
    this.selected = new Set(selection);
  }

  /** A press on the canvas: on a node it selects (and readies a drag), on the background it clears or bands. */
  pointerDown(e: MouseEvent): void {
    const target = e.target as Element;
    if (e.button !== 0 || target.closest('.output, .input')) return;
    const nodeEl = target.closest('.drawflow-node') as HTMLElement | null;
    const d = nodeEl ? this.nodes.byDf.get(dfOf(nodeEl)) : undefined;
    if (d) {
      const toggle = e.shiftKey || e.metaKey || e.ctrlKey;
      if (toggle) this.on.select([d.key], 'toggle');
      else if (!this.selected.has(d.key)) this.on.select([d.key], 'replace');
      this.dragStart = new Map(
        [...this.selected, d.key].map((k) => {
          const at = this.nodes.byKey.get(k);
          return [k, { x: at?.x ?? 0, y: at?.y ?? 0 }];
        }),
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
  dragging(): void {
    const e = this.editor;
    if (!e.drag || !e.ele_selected) return;
    const lead = this.nodes.byDf.get(dfOf(e.ele_selected));
    const start = lead && this.dragStart.get(lead.key);
    if (!lead || !start || this.dragStart.size < 2) return;
    const data = homeData(e);
    const dx = data[lead.df].pos_x - start.x;
    const dy = data[lead.df].pos_y - start.y;
    const moved = new Set<Drawn>();
    for (const [key, p] of this.dragStart) {
      const d = this.nodes.byKey.get(key);
      if (!d || d === lead) continue;
      d.el.style.left = `${p.x + dx}px`;
      d.el.style.top = `${p.y + dy}px`;
      recordPosition(e, d.df, { x: p.x + dx, y: p.y + dy });
      moved.add(d);
    }
    this.followed(moved);
  }

  /** A drag ended: the dragged nodes' new positions are reported as one move. */
  dragEnded(): void {
    const data = homeData(this.editor);
    const positions: Record<string, Position> = {};
    for (const key of this.dragStart.keys()) {
      const d = this.nodes.byKey.get(key);
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
      const hit = [...this.nodes.byKey.values()].filter(
        (d) => d.x < b.x && d.x + d.el.offsetWidth > a.x && d.y < b.y && d.y + d.el.offsetHeight > a.y,
      );
      this.on.select(
        hit.map((d) => d.key),
        'add',
      );
    });
  }
}
