import type { Diagnostic } from '../../../diagnostics/types.ts';
import type { BpmnElement, ProcessGraph } from './types.ts';

const count = (m: Map<string, BpmnElement[]>, id: string) => m.get(id)?.length ?? 0;

/**
 * Whether an element becomes no node of its own, so flows into it continue at its first target.
 * Decided from the shape of the graph alone, before any element is mapped, so references can be
 * resolved in any order (loops included).
 */
function passesThrough(el: BpmnElement, g: Pick<ProcessGraph, 'incoming' | 'outgoing'>): boolean {
  const id = el.id!;
  const def = el.eventDefinitions?.[0];
  switch (el.$type) {
    case 'bpmn:StartEvent':
      return true;
    case 'bpmn:EndEvent':
    case 'bpmn:UserTask':
    case 'bpmn:ServiceTask':
    case 'bpmn:EventBasedGateway':
      return false;
    case 'bpmn:ExclusiveGateway':
      return count(g.outgoing, id) <= 1;
    case 'bpmn:ParallelGateway': {
      const o = count(g.outgoing, id);
      const i = count(g.incoming, id);
      return (o <= 1 && i <= 1) || (o > 1 && i > 1);
    }
    case 'bpmn:IntermediateCatchEvent':
      if (def?.$type === 'bpmn:MessageEventDefinition') return false;
      return !(def?.$type === 'bpmn:TimerEventDefinition' && (def.timeDuration || def.timeDate));
    default:
      return true;
  }
}

/** Indexes a process's flow nodes and sequence flows, and resolves where each flow ends up. */
export function processGraph(process: BpmnElement, diagnostics: Diagnostic[]): ProcessGraph {
  const elements = new Map<string, BpmnElement>();
  const outgoing = new Map<string, BpmnElement[]>();
  const incoming = new Map<string, BpmnElement[]>();
  for (const el of (process.flowElements ?? []) as BpmnElement[]) {
    if (!el?.id) continue;
    if (el.$type === 'bpmn:SequenceFlow') {
      const from = el.sourceRef?.id;
      const to = el.targetRef?.id;
      if (from) outgoing.set(from, [...(outgoing.get(from) ?? []), el]);
      if (to) incoming.set(to, [...(incoming.get(to) ?? []), el]);
    } else {
      elements.set(el.id, el);
    }
  }
  const shape = { incoming, outgoing };
  const ref = (start: string | undefined): string => {
    const seen = new Set<string>();
    let id = start;
    while (id !== undefined && elements.has(id) && passesThrough(elements.get(id)!, shape)) {
      if (seen.has(id)) return '';
      seen.add(id);
      id = outgoing.get(id)?.[0]?.targetRef?.id;
    }
    return id !== undefined && elements.has(id) ? id : '';
  };
  return { elements, outgoing, incoming, absorbed: new Set(), names: new Set(), ref, diagnostics };
}
