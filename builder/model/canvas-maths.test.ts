import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxInView, fitView, FIT_MIN_ZOOM, zoomAround } from '../canvas/fit.ts';
import { boundsOf, flowLayout, NODE_BOX } from './flow-layout.ts';
import { TEMPLATES } from './templates.ts';
import type { NodeDoc } from './types.ts';

/** The canvas of a 1280×800 window: minus the palette (170), the inspector (330), the toolbar and the Problems panel. */
const LAPTOP = { width: 780, height: 560 };

const chain = (n: number): NodeDoc[] =>
  Array.from({ length: n }, (_, i) =>
    i === n - 1 ? { id: `n${i}`, type: 'end' } : { id: `n${i}`, type: 'message', text: 'Hi', next: `n${i + 1}` },
  );

describe('laying out and fitting the canvas', () => {
  it('opens every template whole on a laptop canvas at 75 % or more', () => {
    for (const t of TEMPLATES) {
      const doc = t.make();
      const box = boundsOf(Object.values(doc.layout!))!;
      const view = fitView(box, LAPTOP);
      expect([t.key, view.zoom >= 0.75]).toEqual([t.key, true]);
      expect([t.key, boxInView(box, view, LAPTOP)]).toEqual([t.key, true]);
    }
  });

  it('wraps a long chain of steps into lines instead of one row running off the side', () => {
    const positions = [...flowLayout(chain(13), 'n0', LAPTOP).values()];
    const box = boundsOf(positions)!;
    // One row would be 13 columns (3,830 px) wide, fitted at 20 %.
    expect(new Set(positions.map((p) => p.y)).size).toBeGreaterThan(1);
    expect(fitView(box, LAPTOP).zoom).toBeGreaterThanOrEqual(0.5);
    // Reading order: each line left to right, the next line below.
    for (let i = 1; i < positions.length; i++) {
      const [a, b] = [positions[i - 1], positions[i]];
      expect(b.y > a.y || (b.y === a.y && b.x > a.x)).toBe(true);
    }
  });

  it('keeps a flow that fits at 100 % on one line, and never puts two nodes in one place', () => {
    const short = [...flowLayout(chain(3), 'n0', { width: 1100, height: 700 }).values()];
    expect(new Set(short.map((p) => p.y)).size).toBe(1);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 300, max: 2000 }),
        fc.integer({ min: 200, max: 1200 }),
        (n, width, height) => {
          const placed = [...flowLayout(chain(n), 'n0', { width, height }).values()];
          expect(new Set(placed.map((p) => `${p.x},${p.y}`)).size).toBe(n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fits any set of nodes in view, centred, zooming out no further than the floor and never past 100 %', () => {
    const node = fc.record({ x: fc.integer({ min: -3000, max: 3000 }), y: fc.integer({ min: -3000, max: 3000 }) });
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 40 }), (nodes) => {
        const box = boundsOf(nodes)!;
        const view = fitView(box, LAPTOP);
        expect(view.zoom).toBeLessThanOrEqual(1);
        expect(view.zoom).toBeGreaterThanOrEqual(FIT_MIN_ZOOM);
        if (view.zoom > FIT_MIN_ZOOM) {
          expect(boxInView(box, view, LAPTOP)).toBe(true);
          const middle = view.x + (box.x + box.width / 2) * view.zoom;
          expect(Math.abs(middle - LAPTOP.width / 2)).toBeLessThan(1);
        } else {
          // Too big even at the floor: the top-left corner, where the flow begins, is what shows.
          expect(view.x + box.x * view.zoom).toBeGreaterThanOrEqual(0);
          expect(view.y + box.y * view.zoom).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('a single node fits at 100 %, in the middle of the view', () => {
    const view = fitView(boundsOf([{ x: 500, y: 400 }])!, LAPTOP);
    expect(view).toEqual({
      zoom: 1,
      x: LAPTOP.width / 2 - 500 - NODE_BOX.width / 2,
      y: LAPTOP.height / 2 - 400 - NODE_BOX.height / 2,
    });
  });

  it('zooming keeps the point under the zoom centre where it was', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 2, noNaN: true }),
        fc.double({ min: 0.2, max: 2, noNaN: true }),
        fc.integer({ min: -500, max: 500 }),
        (from, to, offset) => {
          const before = { x: offset, y: -offset, zoom: from };
          const at = { x: 390, y: 280 };
          const after = zoomAround(before, to, at);
          const canvasPoint = (v: typeof before) => ({ x: (at.x - v.x) / v.zoom, y: (at.y - v.y) / v.zoom });
          expect(canvasPoint(after).x).toBeCloseTo(canvasPoint(before).x, 6);
          expect(canvasPoint(after).y).toBeCloseTo(canvasPoint(before).y, 6);
          expect(after.zoom).toBe(to);
        },
      ),
    );
  });
});
