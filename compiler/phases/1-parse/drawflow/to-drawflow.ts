import { autoLayout } from './auto-layout.ts';
import { isNodeType, portsOf, portTarget } from './ports.ts';
import type { ChatletNodeData, DrawflowExport, DrawflowNode } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const isPosition = (v: unknown): v is { x: number; y: number } =>
  isObject(v) && typeof v.x === 'number' && typeof v.y === 'number';

/** The CSS classes of a node element: never author text, so a type like `"a b"` cannot add classes. */
export function nodeClass(type: unknown): string {
  return `cl-node cl-${isNodeType(type) ? type : 'unknown'}`;
}

/**
 * Converts a scenario document into a Drawflow export: one Drawflow node per scenario node (ids
 * 1, 2, 3… in document order), one output per port, edges from the branch fields, positions from
 * `layout` (or chosen automatically, and marked so the way back leaves them out). `html` is always
 * empty: whoever draws the node builds its content from `data.node`, never from markup.
 * The rest of the document rides along in `chatlet`, so `fromDrawflow(toDrawflow(doc))` is `doc`.
 */
export function toDrawflow(doc: Record<string, unknown>): DrawflowExport {
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const layout = isObject(doc.layout) ? doc.layout : {};
  const auto = autoLayout(
    nodes.map((n) => (isObject(n) ? n : {})),
    doc.start,
  );

  // The first node with an id gets its edges; duplicates are still drawn, but nothing points at them.
  const dfIdOf = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (isObject(n) && typeof n.id === 'string' && !dfIdOf.has(n.id)) dfIdOf.set(n.id, i + 1);
  });

  const data: Record<string, DrawflowNode> = {};
  nodes.forEach((raw, i) => {
    const node = isObject(raw) ? raw : {};
    const id = i + 1;
    const at = typeof node.id === 'string' ? layout[node.id] : undefined;
    const placed = isPosition(at) ? { x: at.x, y: at.y } : undefined;
    const pos = placed ?? auto.get(String(i))!;
    const nodeData: ChatletNodeData = { node: raw as Record<string, unknown> };
    if (!placed) nodeData.auto = { x: pos.x, y: pos.y };
    const outputs: DrawflowNode['outputs'] = {};
    portsOf(node).forEach((port, k) => {
      const target = portTarget(node, port);
      const to = target === undefined ? undefined : dfIdOf.get(target);
      outputs[`output_${k + 1}`] = { connections: to === undefined ? [] : [{ node: String(to), output: 'input_1' }] };
    });
    data[String(id)] = {
      id,
      name: typeof node.type === 'string' ? node.type : '',
      data: nodeData as unknown as Record<string, unknown>,
      class: nodeClass(node.type),
      html: '',
      typenode: false,
      inputs: { input_1: { connections: [] } },
      outputs,
      pos_x: pos.x,
      pos_y: pos.y,
    };
  });
  // The inputs side mirrors the outputs, with Drawflow's inverted key.
  for (const [key, node] of Object.entries(data)) {
    for (const [cls, port] of Object.entries(node.outputs)) {
      for (const c of port.connections) data[String(c.node)].inputs.input_1.connections.push({ node: key, input: cls });
    }
  }

  const document: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (k !== 'nodes' && k !== 'layout') document[k] = v;
  const out: DrawflowExport = { drawflow: { Home: { data } }, chatlet: { document, keys: Object.keys(doc) } };
  if (doc.layout !== undefined && !isObject(doc.layout)) out.chatlet!.rawLayout = doc.layout;
  // Entries no drawn position stands for: ids no node has, and malformed positions.
  const kept = Object.fromEntries(Object.entries(layout).filter(([id, at]) => !dfIdOf.has(id) || !isPosition(at)));
  if (Object.keys(kept).length) out.chatlet!.orphanLayout = kept;
  return out;
}
