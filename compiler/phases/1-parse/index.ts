import { z } from 'zod';
import { d } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { NODE_TYPES, SCENARIO_FORMAT, type NodeType, type Scenario, type ScenarioNode } from '../../model/types.ts';
import { NODE_SCHEMAS } from './nodes/index.ts';
import { recordProvenance } from './provenance.ts';
import { settings as settingsSchema } from './settings.ts';
import { formatPath } from './issues.ts';
import { validate } from './validate.ts';

export interface ParseResult {
  /** Undefined only when the document is unusable: not an object, wrong `format`, or no `nodes` list. */
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}

const TOP_LEVEL = new Set(['format', 'name', 'locale', 'settings', 'variables', 'start', 'nodes', 'layout', '$schema']);
const layoutSchema = z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() }));

const isObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Reads a scenario document (an object, or JSON text) into the model. Never throws: every problem
 * is a diagnostic, and invalid nodes are left out of the scenario with their reasons reported.
 */
export function parse(input: unknown): ParseResult {
  const diagnostics: Diagnostic[] = [];
  try {
    return { scenario: parseDocument(input, diagnostics), diagnostics };
  } catch (e) {
    // Only exotic inputs get here (throwing getters, proxies); JSON text never does.
    diagnostics.push(d.scenario_not_object(`it could not be read (${e instanceof Error ? e.message : String(e)})`));
    return { diagnostics };
  }
}

function parseDocument(input: unknown, out: Diagnostic[]): Scenario | undefined {
  let doc = input;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      out.push(d.scenario_not_object(`it is not valid JSON (${(e as Error).message})`));
      return undefined;
    }
  }
  if (!isObject(doc)) {
    out.push(d.scenario_not_object(`found ${doc === null ? 'null' : Array.isArray(doc) ? 'a list' : typeof doc}`));
    return undefined;
  }
  if (doc.format !== SCENARIO_FORMAT) {
    out.push(d.scenario_format(doc.format));
    return undefined;
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.has(key)) out.push(d.schema_unknown_field({ path: key }, key));
  }
  reportProtoKeys(doc, '', out, 0);
  if (!Array.isArray(doc.nodes)) {
    out.push(d.schema_invalid({ path: 'nodes' }, doc.nodes === undefined ? 'is required' : 'must be a list of nodes'));
    return undefined;
  }

  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    name: requiredString(doc, 'name', out),
    start: requiredString(doc, 'start', out),
    nodes: [],
  };
  if (doc.locale !== undefined) {
    if (typeof doc.locale === 'string') scenario.locale = doc.locale;
    else out.push(d.schema_invalid({ path: 'locale' }, 'must be a language code such as "en"'));
  }
  if (doc.settings !== undefined) {
    const settings = validate(settingsSchema, doc.settings, 'settings', undefined, out);
    if (settings) scenario.settings = settings;
  }
  if (doc.variables !== undefined) {
    if (isObject(doc.variables))
      scenario.variables = Object.fromEntries(Object.entries(doc.variables).filter(([k]) => k !== '__proto__'));
    else out.push(d.schema_invalid({ path: 'variables' }, 'must be an object of names and starting values'));
  }
  if (doc.layout !== undefined) {
    const layout = validate(layoutSchema, doc.layout, 'layout', undefined, out);
    if (layout) scenario.layout = layout;
  }

  const sourceIndex = new WeakMap<ScenarioNode, number>();
  const droppedIds = new Set<string>();
  doc.nodes.forEach((raw: unknown, i: number) => {
    const node = parseNode(raw, `nodes[${i}]`, out, droppedIds);
    if (node) {
      sourceIndex.set(node, i);
      scenario.nodes.push(node);
    }
  });
  recordProvenance(scenario, { sourceIndex, droppedIds });
  return scenario;
}

/**
 * JSON.parse keeps a `"__proto__"` key as data, but copying it into a fresh object (as schema
 * validation and later phases do) would set a prototype instead. No scenario field needs the
 * name, so it is refused wherever it appears.
 */
function reportProtoKeys(value: unknown, path: string, out: Diagnostic[], depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 64) return;
  for (const [key, child] of Object.entries(value)) {
    const at = formatPath(path, [Array.isArray(value) ? Number(key) : key]);
    if (key === '__proto__') out.push(d.schema_invalid({ path: at }, 'cannot be used as a name'));
    else reportProtoKeys(child, at, out, depth + 1);
  }
}

function requiredString(doc: Record<string, unknown>, key: 'name' | 'start', out: Diagnostic[]): string {
  const v = doc[key];
  // An unnamed draft is fine; a start that names nothing is not.
  if (typeof v === 'string' && (v !== '' || key === 'name')) return v;
  out.push(
    d.schema_invalid(
      { path: key },
      v === undefined ? 'is required' : key === 'name' ? 'must be text' : 'must be non-empty text',
    ),
  );
  return '';
}

function parseNode(raw: unknown, path: string, out: Diagnostic[], dropped: Set<string>): ScenarioNode | undefined {
  if (!isObject(raw)) {
    out.push(d.schema_invalid({ path }, 'must be an object with "id" and "type"'));
    return undefined;
  }
  const { id, type } = raw;
  if (typeof id !== 'string' || id === '') {
    out.push(d.schema_invalid({ path: `${path}.id` }, id === undefined ? 'is required' : 'must be non-empty text'));
    return undefined;
  }
  const at = { nodeId: id, path: `${path}.type` };
  let node: ScenarioNode | undefined;
  if (typeof type !== 'string') {
    out.push(d.schema_invalid(at, type === undefined ? 'is required' : 'must be text naming a node type'));
  } else if (!(NODE_TYPES as readonly string[]).includes(type)) {
    out.push(d.node_unknown_type(at, type));
  } else {
    node = validate<ScenarioNode>(NODE_SCHEMAS[type as NodeType], raw, path, id, out);
  }
  if (!node) dropped.add(id);
  return node;
}
