/**
 * Edge paths from node positions (see geometry.ts): no DOM reads, so redrawing every edge of a
 * big scenario forces no layout. Drawflow's own drag code reads the DOM instead; builder.css keeps
 * the two in agreement.
 */
import type { DrawflowEditor } from './drawflow.d.ts';
import { inputPoint, outputPoint } from './geometry.ts';
import type { Position } from '../model/types.ts';

/** An edge's two ends, the port it leaves from, and the path to draw it in. */
export interface EdgeEnds {
  from: Position;
  port: number;
  to: Position;
  path: SVGPathElement;
}

/** Sets the `d` of each edge's path. */
export function edgePaths(editor: DrawflowEditor, edges: EdgeEnds[]): void {
  for (const e of edges) {
    const a = outputPoint(e.from, e.port);
    const b = inputPoint(e.to);
    e.path.setAttributeNS(null, 'd', editor.createCurvature(a.x, a.y, b.x, b.y, editor.curvature, 'openclose'));
  }
}
