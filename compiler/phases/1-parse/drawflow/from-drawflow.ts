import { SCENARIO_FORMAT } from '../../../model/types.ts';
import { portsOf, portTarget, withPortTarget, type PortPath } from './ports.ts';
import { readGraph } from './read-graph.ts';
import type { ChatletMeta, GraphNode } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function rawAt(node: unknown, path: PortPath): unknown {
  let at = node;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

function readMeta(exported: unknown): ChatletMeta | undefined {
  const meta = isObject(exported) ? exported.chatlet : undefined;
  if (!isObject(meta) || !isObject(meta.document) || !Array.isArray(meta.keys)) return undefined;
  return meta as unknown as ChatletMeta;
}

/** A Drawflow node that Chatlet wrote carries the scenario node in `data.node`. */
const chatletNode = (g: GraphNode): Record<string, unknown> | undefined =>
  isObject(g.data.node) ? g.data.node : undefined;

/**
 * Converts a Drawflow export back into a scenario document. Connections are the truth for branch
 * fields (what the author drew wins over what `data` says); an unconnected port keeps a target
 * that names no node (so a dangling reference survives the trip and is still reported), and is
 * otherwise disconnected. Nodes another Drawflow app made become nodes of their Drawflow `name`
 * with id `node_<id>`: the compiler then reports their unknown type; their `html` and `data` are
 * never read. The result is a document for `check()`, not a validated scenario.
 */
export function fromDrawflow(exported: unknown): Record<string, unknown> {
  const graph = readGraph(exported);
  const meta = readMeta(exported);
  const idOf = new Map<string, string>();
  for (const g of graph) {
    const own = chatletNode(g);
    idOf.set(g.key, own && typeof own.id === 'string' ? own.id : `node_${g.key}`);
  }
  const existing = new Set(idOf.values());

  const nodes: Record<string, unknown>[] = [];
  const positions: [string, { x: number; y: number }][] = [];
  const placedAuto = new Set<string>();
  for (const g of graph) {
    const own = chatletNode(g);
    let node: Record<string, unknown> = own ?? { id: idOf.get(g.key)!, type: g.name || 'unknown' };
    if (own) {
      portsOf(own).forEach((port, k) => {
        const drawn = g.outputs[k]?.[0];
        const current = rawAt(node, port.path);
        if (drawn !== undefined) {
          const target = idOf.get(drawn)!;
          if (current !== target) node = withPortTarget(node, port, target);
        } else if (current === undefined || typeof current !== 'string') {
          // Nothing to disconnect, or a malformed value the compiler should report as it is.
        } else if (current !== '' && !existing.has(current)) {
          // A dangling reference: keep it, so the author still sees which id it named.
        } else if (portTarget(node, port) !== (port.optional ? undefined : '')) {
          node = withPortTarget(node, port, undefined);
        }
      });
    }
    nodes.push(node);
    const id = idOf.get(g.key)!;
    const auto = isObject(g.data.auto) ? g.data.auto : undefined;
    if (own && auto && auto.x === g.x && auto.y === g.y) placedAuto.add(id);
    else positions.push([id, { x: g.x, y: g.y }]);
  }

  const layout: Record<string, unknown> = {};
  for (const [id, at] of positions) layout[id] = at;
  for (const [id, at] of Object.entries(meta?.orphanLayout ?? {})) if (!(id in layout)) layout[id] = at;

  const document = meta?.document ?? foreignDocument(graph, idOf);
  const keys = meta?.keys ?? Object.keys(document);
  const hasLayout = keys.includes('layout') || Object.keys(layout).length > 0;
  const layoutValue = meta?.rawLayout !== undefined && positions.length === 0 ? meta.rawLayout : layout;

  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === 'nodes') out.nodes = nodes;
    else if (key === 'layout') {
      if (hasLayout) out.layout = layoutValue;
    } else if (key in document) out[key] = document[key];
  }
  for (const [k, v] of Object.entries(document)) if (!(k in out)) out[k] = v;
  if (!('nodes' in out)) out.nodes = nodes;
  if (hasLayout && !('layout' in out)) out.layout = layoutValue;
  return out;
}

/** The document around a graph that another Drawflow app made: starts at the first node nothing leads to. */
function foreignDocument(graph: GraphNode[], idOf: Map<string, string>): Record<string, unknown> {
  const targets = new Set(graph.flatMap((g) => g.outputs.flat()));
  const first = graph.find((g) => !targets.has(g.key)) ?? graph[0];
  return { format: SCENARIO_FORMAT, name: 'Imported from Drawflow', start: first ? idOf.get(first.key)! : '' };
}
