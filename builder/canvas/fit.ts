/**
 * The view's maths: where the canvas sits (`x`, `y`: the screen offset of canvas point 0,0 inside
 * the view) and how large it is drawn (`zoom`). The canvas is scaled from its top-left corner
 * (builder.css sets `transform-origin: 0 0`), so a canvas point p shows at `offset + p * zoom`.
 */
import { zoomToFit, type Size } from '../model/flow-layout.ts';

/** Where the canvas looks: its pan and zoom. */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** Fit never zooms out further than this: below it nodes are specks, and the author pans instead. (The demo bot, 13 steps in one row, fits at 28 %.) */
export const FIT_MIN_ZOOM = 0.25;
/** Fit never enlarges past 100 %: a small bot stays at its natural size, in the middle. */
export const FIT_MAX_ZOOM = 1;
/** Room left around the fitted nodes, in screen pixels. */
export const FIT_PADDING = 32;

/**
 * The view that shows `box` (canvas coordinates) whole and centred, zoomed out as needed within
 * [FIT_MIN_ZOOM, FIT_MAX_ZOOM]. When even the smallest zoom is too small, the box's top-left
 * corner (where flows begin) stays in view rather than its middle.
 */
export function fitView(box: { x: number; y: number; width: number; height: number }, view: Size): View {
  const raw = zoomToFit(box, view, FIT_PADDING);
  const zoom = Math.round(Math.min(FIT_MAX_ZOOM, Math.max(FIT_MIN_ZOOM, raw)) * 1000) / 1000;
  const place = (size: number, start: number, room: number) =>
    size * zoom <= room - 2 * FIT_PADDING ? (room - size * zoom) / 2 - start * zoom : FIT_PADDING - start * zoom;
  return { x: place(box.width, box.x, view.width), y: place(box.height, box.y, view.height), zoom };
}

/** The view after zooming to `zoom` around a point of the screen (`at`, inside the view), which stays put. */
export function zoomAround(view: View, zoom: number, at: { x: number; y: number }): View {
  const px = (at.x - view.x) / view.zoom;
  const py = (at.y - view.y) / view.zoom;
  return { x: at.x - px * zoom, y: at.y - py * zoom, zoom };
}

/** Whether a canvas box lies entirely inside the view. */
export function boxInView(box: { x: number; y: number; width: number; height: number }, v: View, view: Size): boolean {
  const left = v.x + box.x * v.zoom;
  const top = v.y + box.y * v.zoom;
  return left >= 0 && top >= 0 && left + box.width * v.zoom <= view.width && top + box.height * v.zoom <= view.height;
}
