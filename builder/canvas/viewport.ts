/**
 * The part of the canvas the author sees: zoom and pan. Every change goes through `apply`, which
 * moves the drawing and reports the zoom, so the toolbar's label is right after the wheel, the
 * buttons, the keys and fit alike.
 */
import { boundsOf } from '../model/flow-layout.ts';
import type { DrawflowEditor } from './drawflow.d.ts';
import { fitView, zoomAround, type View } from './fit.ts';

type Box = { x: number; y: number; width: number; height: number };

/** The canvas's pan and zoom: zoom steps, fit, centring a node, and screen to canvas coordinates. */
export class Viewport {
  /**
   * Set by a fit and kept until the author zooms, pans, presses on the canvas or edits: while set,
   * the view fits again when the canvas changes size (the Problems list filling in after the first
   * check, the preview opening, a resized window), so a bot that opened whole stays whole. Once the
   * author works on it, the view never moves by itself.
   */
  private fitTo: (() => Box[]) | undefined;

  constructor(
    private readonly editor: DrawflowEditor,
    private readonly container: HTMLElement,
    private readonly zoomed: (zoom: number) => void,
  ) {
    editor.on('translate', () => (this.fitTo = undefined));
    new ResizeObserver(() => {
      if (this.fitTo) this.fit(this.fitTo);
    }).observe(container);
    // Zoom around the middle of the view (Drawflow's own keeps the canvas's corner fixed), and report it.
    editor.zoom_refresh = () => {
      this.fitTo = undefined;
      const zoom = Math.round(editor.zoom * 100) / 100;
      const middle = { x: container.clientWidth / 2, y: container.clientHeight / 2 };
      this.apply(zoomAround({ x: editor.canvas_x, y: editor.canvas_y, zoom: editor.zoom_last_value }, zoom, middle));
    };
  }

  /** The author has taken over: sizes changing from now on leave the view alone. */
  hold(): void {
    this.fitTo = undefined;
  }

  zoom(direction: 'in' | 'out' | 'reset'): void {
    if (direction === 'in') this.editor.zoom_in();
    else if (direction === 'out') this.editor.zoom_out();
    else this.editor.zoom_reset();
  }

  /** Zooms and pans so every box (canvas coordinates) is in view; with none, back to 100 % at the origin. */
  fit(boxes: () => Box[]): void {
    this.fitTo = boxes;
    const box = boundsOf(boxes());
    this.apply(box ? fitView(box, this.size()) : { x: 0, y: 0, zoom: 1 });
  }

  /** Pans, at the same zoom, so the middle of a box is the middle of the view. */
  centre(box: Box): void {
    this.fitTo = undefined;
    const { zoom } = this.editor;
    const { width, height } = this.size();
    this.apply({
      x: width / 2 - (box.x + box.width / 2) * zoom,
      y: height / 2 - (box.y + box.height / 2) * zoom,
      zoom,
    });
  }

  /** Canvas coordinates of a point on the screen (for drops and new nodes). */
  toCanvas(clientX: number, clientY: number): { x: number; y: number } {
    const r = this.editor.precanvas.getBoundingClientRect();
    return { x: Math.round((clientX - r.x) / this.editor.zoom), y: Math.round((clientY - r.y) / this.editor.zoom) };
  }

  /** The canvas point at the middle of the visible area. */
  center(): { x: number; y: number } {
    const r = this.container.getBoundingClientRect();
    return this.toCanvas(r.x + r.width / 2, r.y + r.height / 2);
  }

  /** Where canvas point 0,0 is inside the container, and the zoom. */
  view(): View {
    return { x: this.editor.canvas_x, y: this.editor.canvas_y, zoom: this.editor.zoom };
  }

  /** The container's size; a sensible guess before it is laid out. */
  size(): { width: number; height: number } {
    return { width: this.container.clientWidth || 1000, height: this.container.clientHeight || 700 };
  }

  private apply(v: View): void {
    const e = this.editor;
    e.zoom = e.zoom_last_value = v.zoom;
    e.canvas_x = v.x;
    e.canvas_y = v.y;
    e.precanvas.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.zoom})`;
    this.zoomed(v.zoom);
  }
}
