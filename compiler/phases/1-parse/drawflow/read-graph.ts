import type { GraphNode } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : 0;

/** `output_3` → 2; anything else → -1. */
function portIndex(cls: unknown, prefix: 'output_' | 'input_'): number {
  if (typeof cls !== 'string' || !cls.startsWith(prefix)) return -1;
  const n = Number(cls.slice(prefix.length));
  return Number.isInteger(n) && n >= 1 ? n - 1 : -1;
}

/**
 * Reads every module of a Drawflow export into nodes with string ids and edges per output port.
 * Edges are taken from both sides: an output's `{node, output: "input_1"}` and an input's
 * `{node, input: "output_2"}` (Drawflow's inverted keys), so a file that lists a connection on one
 * side only still has it. Ids are compared as strings, whether the file wrote `7` or `"7"`.
 */
export function readGraph(exported: unknown): GraphNode[] {
  const modules = isObject(exported) && isObject(exported.drawflow) ? exported.drawflow : {};
  const nodes = new Map<string, GraphNode>();
  const rawByKey = new Map<string, Record<string, unknown>>();
  for (const mod of Object.values(modules)) {
    const data = isObject(mod) && isObject(mod.data) ? mod.data : {};
    for (const [key, raw] of Object.entries(data)) {
      if (!isObject(raw) || nodes.has(key)) continue;
      rawByKey.set(key, raw);
      nodes.set(key, {
        key,
        name: typeof raw.name === 'string' ? raw.name : '',
        data: isObject(raw.data) ? raw.data : {},
        x: num(raw.pos_x),
        y: num(raw.pos_y),
        outputs: Array.from({ length: Object.keys(isObject(raw.outputs) ? raw.outputs : {}).length }, () => []),
      });
    }
  }
  const addEdge = (from: string, index: number, to: string) => {
    const node = nodes.get(from);
    if (!node || index < 0 || !nodes.has(to)) return;
    while (node.outputs.length <= index) node.outputs.push([]);
    if (!node.outputs[index].includes(to)) node.outputs[index].push(to);
  };
  for (const [key, raw] of rawByKey) {
    const outputs = isObject(raw.outputs) ? raw.outputs : {};
    for (const [cls, port] of Object.entries(outputs)) {
      const conns = isObject(port) && Array.isArray(port.connections) ? port.connections : [];
      for (const c of conns) if (isObject(c)) addEdge(key, portIndex(cls, 'output_'), String(c.node));
    }
    const inputs = isObject(raw.inputs) ? raw.inputs : {};
    for (const port of Object.values(inputs)) {
      const conns = isObject(port) && Array.isArray(port.connections) ? port.connections : [];
      for (const c of conns) if (isObject(c)) addEdge(String(c.node), portIndex(c.input, 'output_'), key);
    }
  }
  return [...nodes.values()];
}
