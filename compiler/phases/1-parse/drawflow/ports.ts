/**
 * The output ports of each node type: one port per branch, in the order the canvas draws them.
 * A port is a path inside the node to the field that names the next node. The builder draws one
 * Drawflow output per port, and the Drawflow conversion reads and writes edges through them.
 */
import type { NodeType } from '../../../model/types.ts';

export type PortPath = (string | number)[];

export interface Port {
  /** Where the target id lives inside the node, e.g. `['options', 1, 'next']`. */
  path: PortPath;
  /** What the canvas shows beside the port: an option's label, a branch's condition, "else". */
  label: string;
  /** An optional port (`onError`, `onTimeout`) is removed from the node when it is left unconnected. */
  optional: boolean;
}

type AnyNode = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;

/** A readable one-line label for a port: strings as they are, translated texts in their first language. */
export function labelText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const first = Object.values(v as Record<string, unknown>).find((x) => typeof x === 'string');
    return typeof first === 'string' ? first : '';
  }
  return '';
}

const next = (label = 'next'): Port => ({ path: ['next'], label, optional: false });
const optional = (key: string, label: string): Port => ({ path: [key], label, optional: true });

const PORTS: Record<NodeType, (n: AnyNode) => Port[]> = {
  message: () => [next()],
  choice: (n) =>
    list(n.options).map((o, i) => ({
      path: ['options', i, 'next'],
      label: labelText(field(o, 'label')) || `option ${i + 1}`,
      optional: false,
    })),
  input: () => [next()],
  intent: (n) => [
    ...list(n.intents).map((o, i) => ({
      path: ['intents', i, 'next'],
      label: labelText(field(o, 'name')) || `intent ${i + 1}`,
      optional: false,
    })),
    { path: ['else'], label: 'else', optional: false },
  ],
  condition: (n) => [
    ...list(n.branches).map((b, i) => ({
      path: ['branches', i, 'next'],
      label: labelText(field(b, 'when')) || `branch ${i + 1}`,
      optional: false,
    })),
    { path: ['else'], label: 'else', optional: false },
  ],
  set: () => [next()],
  http: () => [next('ok'), optional('onError', 'on error')],
  delay: () => [next()],
  wait: (n) => [
    ...list(n.events).map((e, i) => ({
      path: ['events', i, 'next'],
      label: labelText(field(e, 'event')) || `event ${i + 1}`,
      optional: false,
    })),
    optional('onTimeout', 'timeout'),
  ],
  parallel: (n) => [
    ...list(n.branches).map((_, i) => ({ path: ['branches', i], label: `branch ${i + 1}`, optional: false })),
    { path: ['join'], label: 'join', optional: false },
  ],
  join: () => [next()],
  split: (n) =>
    list(n.branches).map((b, i) => ({
      path: ['branches', i, 'next'],
      label: `${labelText(field(b, 'weight')) || '?'} weight`,
      optional: false,
    })),
  handoff: () => [next('resolved'), optional('onTimeout', 'timeout')],
  script: () => [next(), optional('onError', 'on error')],
  checkpoint: () => [next()],
  rollback: () => [next()],
  end: () => [],
};

/** True for the node types the scenario format knows. */
export function isNodeType(type: unknown): type is NodeType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(PORTS, type);
}

/** The output ports of a node, one per branch; an unknown type has none. */
export function portsOf(node: unknown): Port[] {
  const type = field(node, 'type');
  return isNodeType(type) ? PORTS[type](node as AnyNode) : [];
}

/** The node id a port names, or undefined when the field is missing or not a string. */
export function portTarget(node: unknown, port: Port): string | undefined {
  let at: unknown = node;
  for (const key of port.path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return typeof at === 'string' ? at : undefined;
}

/**
 * A copy of the node with the port pointing at `target`. `undefined` disconnects it: an optional
 * port's field is removed, a required one becomes `""` (the compiler reports it as not connected).
 * Only the containers on the path are copied, so unchanged parts keep their identity.
 */
export function withPortTarget<T>(node: T, port: Port, target: string | undefined): T {
  const value = target ?? (port.optional ? undefined : '');
  return setIn(node, port.path, value) as T;
}

function setIn(container: unknown, path: PortPath, value: unknown): unknown {
  const [key, ...rest] = path;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(container)
    ? [...container]
    : { ...(container !== null && typeof container === 'object' ? (container as object) : {}) };
  const c = copy as Record<string | number, unknown>;
  if (rest.length === 0) {
    if (value === undefined && !Array.isArray(copy)) delete c[key];
    else c[key] = value;
  } else {
    c[key] = setIn(c[key], rest, value);
  }
  return copy;
}
