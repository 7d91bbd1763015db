/**
 * Edge paths computed in two passes: read every port's position, then write every path. Drawflow
 * interleaves the two per edge, which forces a layout for each one and makes opening a large
 * graph quadratic; batching keeps it to a single layout.
 */
import type { DrawflowEditor } from './drawflow.d.ts';

export interface EdgeEnds {
  out: HTMLElement;
  in: HTMLElement;
  path: SVGPathElement;
}

/** Sets the `d` of each edge's path from the current positions of its two ports. */
export function edgePaths(editor: DrawflowEditor, edges: EdgeEnds[]): void {
  if (!edges.length) return;
  const base = editor.precanvas.getBoundingClientRect();
  const scale = 1 / (editor.zoom || 1);
  const centre = (el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    return { x: el.offsetWidth / 2 + (r.x - base.x) * scale, y: el.offsetHeight / 2 + (r.y - base.y) * scale };
  };
  const points = edges.map((e) => [centre(e.out), centre(e.in)] as const);
  edges.forEach((e, i) => {
    const [a, b] = points[i];
    e.path.setAttributeNS(null, 'd', editor.createCurvature(a.x, a.y, b.x, b.y, editor.curvature, 'openclose'));
  });
}
