import type { Diagnostic } from '../../../diagnostics/types.ts';

/** A bpmn-moddle element: `$type` such as `bpmn:ServiceTask`, plus its attributes and children. */
export interface BpmnElement {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: any;
}

/** What one BPMN flow node becomes. */
export type Mapped =
  /** A scenario node with the element's id. */
  | { kind: 'node'; node: Record<string, unknown> }
  /** Nothing of its own: whatever points at it goes on to `to` (an element id), or nowhere. */
  | { kind: 'pass'; to?: string };

/** The process seen as a graph, shared by the element mappers. */
export interface ProcessGraph {
  elements: Map<string, BpmnElement>;
  /** Outgoing sequence flows by source id, in file order. */
  outgoing: Map<string, BpmnElement[]>;
  /** Incoming sequence flows by target id. */
  incoming: Map<string, BpmnElement[]>;
  /** Ids of catch events that an event-based gateway took over. */
  absorbed: Set<string>;
  /** Variable names read by translated conditions, to declare in `variables`. */
  names: Set<string>;
  /** The scenario node id a flow into `elementId` ends up at ('' when nowhere). */
  ref(elementId: string | undefined): string;
  diagnostics: Diagnostic[];
}

/** Maps one kind of BPMN element. */
export type ElementMapper = (el: BpmnElement, g: ProcessGraph) => Mapped;

/** `bpmn:SubProcess "Check stock" (id "Sub_1")`: how diagnostics name an element. */
export function describe(el: BpmnElement): string {
  return `${el.$type}${el.name ? ` ${JSON.stringify(String(el.name).trim())}` : ''} (id "${el.id ?? '?'}")`;
}

/** The trimmed name, or undefined: BPMN names often end in line breaks. */
export function label(el: BpmnElement): string | undefined {
  const name = typeof el.name === 'string' ? el.name.replace(/\s+/g, ' ').trim() : '';
  return name || undefined;
}

/** The first outgoing flow's target id. */
export function firstTarget(el: BpmnElement, g: ProcessGraph): string | undefined {
  return g.outgoing.get(el.id!)?.[0]?.targetRef?.id;
}

/** A node with the element's id and (when it has one) its name as the label. */
export function baseNode(el: BpmnElement, type: string): Record<string, unknown> {
  const node: Record<string, unknown> = { id: el.id, type };
  const l = label(el);
  if (l) node.label = l;
  return node;
}

/** The extension values of a Zeebe element type, e.g. `zeebe:taskHeaders`. */
export function extensions(el: BpmnElement, type: string): BpmnElement[] {
  const values: BpmnElement[] = el.extensionElements?.values ?? [];
  return values.filter((v) => v?.$type === type);
}
