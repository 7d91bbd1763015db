/**
 * BPMN 2.0 (Camunda Modeler) → scenario. bpmn-moddle reads the XML; each supported element has a
 * mapper in `elements/`; everything else is a diagnostic naming the element, never an exception.
 * The result is a document for `check()`, like any other the builder edits.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { d } from '../../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../../diagnostics/types.ts';
import { SCENARIO_FORMAT } from '../../../model/types.ts';
import { MAPPERS } from './elements/index.ts';
import { pass, messageName } from './elements/events.ts';
import { processGraph } from './graph.ts';
import { closeTruncated } from './repair.ts';
import { diagramLayout } from './layout.ts';
import { describe, type BpmnElement } from './types.ts';

export { feelCondition } from './feel.ts';

export interface BpmnImport {
  /** Undefined only when nothing could be imported (the XML is unreadable or has no process). */
  scenario?: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** Reads a `.bpmn` file's XML into a scenario document plus what could not be carried over. */
export async function importBpmn(xml: string): Promise<BpmnImport> {
  const diagnostics: Diagnostic[] = [];
  let definitions: BpmnElement;
  try {
    definitions = await read(String(xml));
  } catch (err) {
    const repaired = closeTruncated(String(xml));
    const recovered = repaired === undefined ? undefined : await read(repaired).catch(() => undefined);
    if (!recovered) return { diagnostics: [d.bpmn_invalid_xml(reason(err))] };
    definitions = recovered;
    diagnostics.push(d.bpmn_truncated(reason(err)));
  }
  try {
    return mapDefinitions(definitions, diagnostics);
  } catch (err) {
    return { diagnostics: [...diagnostics, d.internal_error(String(err))] };
  }
}

async function read(xml: string): Promise<BpmnElement> {
  return (await new BpmnModdle().fromXML(xml)).rootElement;
}

/** bpmn-moddle's message, with the position it adds: `unparsable content detected (line 0, column 6583: unexpected end of file)`. */
function reason(err: unknown): string {
  const lines = String((err as Error)?.message ?? err)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const nested = lines
    .find((l) => l.startsWith('nested error:'))
    ?.slice('nested error:'.length)
    .trim();
  const column = lines.find((l) => l.startsWith('column:'));
  return nested ? `${lines[0]} (${[column, nested].filter(Boolean).join(': ')})` : (lines[0] ?? 'unknown error');
}

function mapDefinitions(definitions: BpmnElement, diagnostics: Diagnostic[]): BpmnImport {
  const processes = ((definitions?.rootElements ?? []) as BpmnElement[]).filter((e) => e.$type === 'bpmn:Process');
  const process = processes.find((p) => (p.flowElements ?? []).some((e: BpmnElement) => e.$type === 'bpmn:StartEvent'));
  if (!process) {
    diagnostics.push(d.bpmn_no_process(processes.length ? 'no process has a start event' : 'the file has no process'));
    return { diagnostics };
  }
  for (const other of processes) {
    if (other !== process && (other.flowElements ?? []).length) {
      diagnostics.push(
        d.bpmn_unsupported_element(
          {},
          describe(other),
          'is a second process; only the first one with a start event was imported',
        ),
      );
    }
  }

  const g = processGraph(process, diagnostics);
  const starts = [...g.elements.values()].filter((e) => e.$type === 'bpmn:StartEvent');
  const start = starts.find((s) => !s.eventDefinitions?.length) ?? starts[0];
  const settings: Record<string, unknown> = {};
  const startDef: BpmnElement | undefined = start.eventDefinitions?.[0];
  if (startDef?.$type === 'bpmn:MessageEventDefinition')
    settings.startOn = { type: 'event', name: messageName(startDef) };
  else if (startDef)
    diagnostics.push(
      d.bpmn_unsupported_element(
        {},
        describe(start),
        `starts on a ${startDef.$type}; the chat starts when the visitor opens it instead`,
      ),
    );

  // A catch event that only an event-based gateway leads to becomes part of that gateway's wait.
  for (const el of g.elements.values()) {
    const into = g.incoming.get(el.id!) ?? [];
    if (
      el.$type === 'bpmn:IntermediateCatchEvent' &&
      into.length === 1 &&
      into[0].sourceRef?.$type === 'bpmn:EventBasedGateway'
    )
      g.absorbed.add(el.id!);
  }

  const nodes: Record<string, unknown>[] = [];
  for (const el of g.elements.values()) {
    if (g.absorbed.has(el.id!)) continue;
    if (el.$type === 'bpmn:StartEvent' && el !== start) {
      diagnostics.push(d.bpmn_unsupported_element({}, describe(el), 'is a second start event; it was left out'));
      continue;
    }
    const mapper = MAPPERS[el.$type];
    const mapped = mapper ? mapper(el, g) : pass(el, g, 'is not supported');
    if (mapped.kind === 'node') nodes.push(mapped.node);
  }

  const variables: Record<string, unknown> = {};
  for (const name of g.names) variables[name] = null;
  const scenario: Record<string, unknown> = {
    format: SCENARIO_FORMAT,
    name:
      String(process.name ?? definitions.name ?? process.id ?? 'Imported process')
        .replace(/\s+/g, ' ')
        .trim() || 'Imported process',
  };
  if (Object.keys(settings).length) scenario.settings = settings;
  if (Object.keys(variables).length) scenario.variables = variables;
  scenario.start = g.ref(start.id);
  scenario.nodes = nodes;
  const layout = diagramLayout(definitions, new Set(nodes.map((n) => n.id as string)));
  if (Object.keys(layout).length) scenario.layout = layout;
  return { scenario, diagnostics };
}
