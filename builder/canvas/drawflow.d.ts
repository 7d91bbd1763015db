// The parts of Drawflow's editor the canvas uses. Drawflow ships no types, and its export format
// is typed (as it really is) in compiler/phases/1-parse/drawflow/types.ts.
export interface DrawflowEditor {
  container: HTMLElement;
  precanvas: HTMLElement;
  drawflow: { drawflow: Record<string, { data: Record<string, any> }> };
  module: string;
  zoom: number;
  zoom_max: number;
  zoom_min: number;
  zoom_last_value: number;
  canvas_x: number;
  canvas_y: number;
  curvature: number;
  drag: boolean;
  ele_selected: HTMLElement | null;
  node_selected: HTMLElement | null;
  connection_selected: Element | null;
  editor_mode: string;
  reroute: boolean;
  start(): void;
  on(event: string, fn: (arg: any) => void): void;
  zoom_in(): void;
  zoom_out(): void;
  zoom_reset(): void;
  zoom_refresh(): void;
  createCurvature(x1: number, y1: number, x2: number, y2: number, curvature: number, type: string): string;
  updateConnectionNodes(domId: string): void;
  removeNodeId(domId: string): void;
  removeConnection(): void;
  key(e: KeyboardEvent): void;
  dispatch(event: string, arg: unknown): void;
}
