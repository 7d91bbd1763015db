/**
 * Positions for nodes a document gives none (an imported or API-made scenario), shaped to the view.
 * The compiler's auto-layout puts each step one column further right, which for a bot of a dozen
 * steps is one long row with most of it off screen. Here those columns wrap into bands, like lines
 * of text, as many per band as make the whole flow largest once fitted to the view.
 */
import { autoLayout, COLUMN_WIDTH, ROW_HEIGHT } from '../../compiler/browser.ts';
import type { NodeDoc, Position } from './types.ts';

/** A node's footprint for layout and fitting: its width on the canvas and a typical height. */
export const NODE_BOX = { width: 230, height: 150 };
const ORIGIN = { x: 60, y: 60 };
/** Extra space between two bands, so the edge wrapping back to the left reads as a new line. */
const BAND_GAP = 40;

/** A width and a height, in canvas pixels. */
export interface Size {
  width: number;
  height: number;
}

/** The zoom at which a box fits a view with `padding` on every side (uncapped). */
export function zoomToFit(box: Size, view: Size, padding: number): number {
  return Math.min(
    (view.width - 2 * padding) / Math.max(box.width, 1),
    (view.height - 2 * padding) / Math.max(box.height, 1),
  );
}

/**
 * Positions by node index (as strings, like `autoLayout`), for nodes in document order: depth
 * columns from `start`, wrapped into bands so the flow fits `view` at the largest zoom.
 */
export function flowLayout(nodes: NodeDoc[], start: string, view: Size, padding = 40): Map<string, Position> {
  const auto = autoLayout(nodes, start);
  const cell = new Map<string, { col: number; row: number }>();
  for (const [i, p] of auto)
    cell.set(i, { col: Math.round((p.x - ORIGIN.x) / COLUMN_WIDTH), row: Math.round((p.y - ORIGIN.y) / ROW_HEIGHT) });
  const columns = Math.max(0, ...[...cell.values()].map((c) => c.col)) + 1;
  const rowsIn = new Array<number>(columns).fill(0);
  for (const c of cell.values()) rowsIn[c.col] = Math.max(rowsIn[c.col], c.row + 1);

  const bandsFor = (perBand: number) => {
    const tops: number[] = [];
    let y = ORIGIN.y;
    for (let first = 0; first < columns; first += perBand) {
      tops.push(y);
      y += Math.max(...rowsIn.slice(first, first + perBand)) * ROW_HEIGHT + BAND_GAP;
    }
    const size = {
      width: Math.min(perBand, columns) * COLUMN_WIDTH - (COLUMN_WIDTH - NODE_BOX.width),
      height: y - ORIGIN.y - BAND_GAP - ROW_HEIGHT + NODE_BOX.height,
    };
    return { tops, size };
  };
  let best = { perBand: columns, ...bandsFor(columns) };
  for (let perBand = columns - 1; perBand >= 1; perBand--) {
    const candidate = { perBand, ...bandsFor(perBand) };
    // Past 100 % nothing reads better, so a flow that already fits stays on fewer lines.
    if (Math.min(1, zoomToFit(candidate.size, view, padding)) > Math.min(1, zoomToFit(best.size, view, padding)) + 1e-9)
      best = candidate;
  }

  const out = new Map<string, Position>();
  for (const [i, c] of cell) {
    const band = Math.floor(c.col / best.perBand);
    out.set(i, { x: ORIGIN.x + (c.col % best.perBand) * COLUMN_WIDTH, y: best.tops[band] + c.row * ROW_HEIGHT });
  }
  return out;
}

/** The box around positioned nodes, each `NODE_BOX` large unless its real size is given. */
export function boundsOf(
  items: { x: number; y: number; width?: number; height?: number }[],
): { x: number; y: number; width: number; height: number } | undefined {
  if (!items.length) return undefined;
  let left = Infinity,
    top = Infinity,
    right = -Infinity,
    bottom = -Infinity;
  for (const it of items) {
    left = Math.min(left, it.x);
    top = Math.min(top, it.y);
    right = Math.max(right, it.x + (it.width ?? NODE_BOX.width));
    bottom = Math.max(bottom, it.y + (it.height ?? NODE_BOX.height));
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
