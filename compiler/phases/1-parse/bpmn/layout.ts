import type { BpmnElement } from './types.ts';

/** BPMN shapes are small (a task is 100×80); Chatlet's nodes are wider, so the diagram is spread out. */
const SCALE_X = 2.2;
const SCALE_Y = 1.8;

/**
 * Positions from the BPMN diagram (BPMNDI) for the given node ids: each node is placed where its
 * shape's centre was, spread out so the builder's larger nodes keep the diagram's arrangement.
 */
export function diagramLayout(definitions: BpmnElement, ids: Set<string>): Record<string, { x: number; y: number }> {
  const layout: Record<string, { x: number; y: number }> = {};
  for (const diagram of (definitions.diagrams ?? []) as BpmnElement[]) {
    for (const shape of (diagram.plane?.planeElement ?? []) as BpmnElement[]) {
      const id = shape.bpmnElement?.id;
      const b = shape.bounds;
      if (shape.$type !== 'bpmndi:BPMNShape' || !id || !ids.has(id) || !b || id in layout) continue;
      const cx = Number(b.x) + Number(b.width ?? 0) / 2;
      const cy = Number(b.y) + Number(b.height ?? 0) / 2;
      if (Number.isFinite(cx) && Number.isFinite(cy))
        layout[id] = { x: Math.round(cx * SCALE_X) - 110, y: Math.round(cy * SCALE_Y) - 40 };
    }
  }
  return layout;
}
