/**
 * Scenario ⇄ Drawflow. The scenario document is the truth and a Drawflow graph is a view of it:
 * `toDrawflow` draws a document, `fromDrawflow` reads a graph back (a Chatlet export exactly, or
 * another app's export as far as it can be understood). Both are pure and never throw.
 */
export { toDrawflow, nodeClass } from './to-drawflow.ts';
export { fromDrawflow } from './from-drawflow.ts';
export { readGraph } from './read-graph.ts';
export { autoLayout, COLUMN_WIDTH, ROW_HEIGHT } from './auto-layout.ts';
export { portsOf, portTarget, withPortTarget, labelText, isNodeType, type Port, type PortPath } from './ports.ts';
export type { DrawflowExport, DrawflowNode, ChatletNodeData, ChatletMeta, GraphNode } from './types.ts';
