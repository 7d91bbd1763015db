/**
 * Drawflow's export format (`editor.export()`), as it really is: node ids are numbers inside a node
 * but string keys outside, and connection keys are inverted (an output's connection says
 * `output: "input_1"`, an input's says `input: "output_1"`). Every field may be missing in a file
 * someone else made, so readers treat all of it as unknown.
 */

export interface DrawflowConnectionOut {
  node: string | number;
  /** Inverted by Drawflow: the class of the *input* this output connects to. */
  output: string;
  points?: { pos_x: number; pos_y: number }[];
}

export interface DrawflowConnectionIn {
  node: string | number;
  /** Inverted by Drawflow: the class of the *output* this input comes from. */
  input: string;
}

export interface DrawflowNode {
  id: number | string;
  name: string;
  data: Record<string, unknown>;
  class: string;
  html: string;
  typenode: boolean | string;
  inputs: Record<string, { connections: DrawflowConnectionIn[] }>;
  outputs: Record<string, { connections: DrawflowConnectionOut[] }>;
  pos_x: number;
  pos_y: number;
}

export interface DrawflowExport {
  drawflow: Record<string, { data: Record<string, DrawflowNode> }>;
  /** Chatlet's own addition: the parts of the scenario that are not the graph. Drawflow ignores it. */
  chatlet?: ChatletMeta;
}

/** What a Chatlet export keeps beside the graph, so the conversion back is exact. */
export interface ChatletMeta {
  /** The document without `nodes` and `layout`. */
  document: Record<string, unknown>;
  /** The document's key order, `nodes` and `layout` included. */
  keys: string[];
  /** Layout entries no drawn position stands for: ids no node has, malformed positions. */
  orphanLayout?: Record<string, unknown>;
  /** A `layout` that is not an object at all, kept as it was. */
  rawLayout?: unknown;
}

/** What Chatlet keeps in a Drawflow node's `data`. */
export interface ChatletNodeData {
  /** The scenario node itself. Its branch fields are rewritten from the connections on the way back. */
  node: Record<string, unknown>;
  /** Set when the document had no layout entry and the position was chosen automatically. */
  auto?: { x: number; y: number };
}

/** A Drawflow graph read into plain terms: string ids, ports by index, edges from both sides. */
export interface GraphNode {
  key: string;
  name: string;
  data: Record<string, unknown>;
  x: number;
  y: number;
  /** Targets per output port (index 0 is `output_1`), deduplicated, in file order. */
  outputs: string[][];
}
