/**
 * Positions for nodes the document gives no layout: columns by distance from `start` (breadth
 * first, following ports in order), rows in document order inside a column. Deterministic, so a
 * document without layout always opens the same way. Linear in nodes plus edges.
 */
import { portsOf, portTarget } from './ports.ts';

export const COLUMN_WIDTH = 300;
export const ROW_HEIGHT = 170;
const ORIGIN = { x: 60, y: 60 };

/** Positions for every node id in `nodes`; unreachable nodes go in a last column. */
export function autoLayout(nodes: Record<string, unknown>[], start: unknown): Map<string, { x: number; y: number }> {
  const ids = nodes.map((n) => (typeof n.id === 'string' ? n.id : ''));
  const byId = new Map<string, Record<string, unknown>>();
  nodes.forEach((n, i) => {
    if (ids[i] && !byId.has(ids[i])) byId.set(ids[i], n);
  });
  const depth = new Map<string, number>();
  const queue: string[] = [];
  if (typeof start === 'string' && byId.has(start)) {
    depth.set(start, 0);
    queue.push(start);
  }
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const port of portsOf(byId.get(id))) {
      const target = portTarget(byId.get(id), port);
      if (target !== undefined && byId.has(target) && !depth.has(target)) {
        depth.set(target, depth.get(id)! + 1);
        queue.push(target);
      }
    }
  }
  const lastColumn = Math.max(-1, ...depth.values()) + 1;
  const rows = new Map<number, number>();
  const out = new Map<string, { x: number; y: number }>();
  nodes.forEach((_, i) => {
    const col = depth.get(ids[i]) ?? lastColumn;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    out.set(String(i), { x: ORIGIN.x + col * COLUMN_WIDTH, y: ORIGIN.y + row * ROW_HEIGHT });
  });
  return out;
}
