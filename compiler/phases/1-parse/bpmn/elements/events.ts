import { d } from '../../../../diagnostics/catalogue.ts';
import { baseNode, describe, firstTarget, type BpmnElement, type ElementMapper, type ProcessGraph } from '../types.ts';

/** A start event is where the scenario starts, not a node of its own. */
export const startEvent: ElementMapper = (el, g) => ({ kind: 'pass', to: firstTarget(el, g) });

/** An end event becomes `end`. Terminate, error and other end definitions are not modelled. */
export const endEvent: ElementMapper = (el, g) => {
  for (const def of el.eventDefinitions ?? []) {
    g.diagnostics.push(
      d.bpmn_unsupported_element(
        { nodeId: el.id },
        describe(el),
        `has a ${def.$type}, which is imported as a plain end`,
      ),
    );
  }
  return { kind: 'node', node: baseNode(el, 'end') };
};

/** The text of a timer's `timeDuration`/`timeDate` without FEEL's `=` and quotes. */
function timerText(expr: BpmnElement | undefined): string {
  return String(expr?.body ?? '')
    .trim()
    .replace(/^=/, '')
    .trim()
    .replace(/^"(.*)"$/, '$1');
}

/** What a timer definition gives a delay or a wait: a duration, or a date as an expression. */
export function timerValue(def: BpmnElement): { duration: string } | { until: string } | undefined {
  if (def.timeDuration) return { duration: timerText(def.timeDuration) };
  if (def.timeDate) return { until: `date(${JSON.stringify(timerText(def.timeDate))})` };
  return undefined;
}

/** The event name a message definition listens for: the message's name, else its id. */
export function messageName(def: BpmnElement): string {
  const msg = def.messageRef;
  return String(msg?.name ?? msg?.id ?? 'message').trim() || 'message';
}

/**
 * An intermediate catch event: a timer becomes `delay`, a message becomes a `wait` for that page
 * event. Other kinds (signal, link, conditional, cycles) are passed through with a diagnostic.
 */
export const intermediateCatchEvent: ElementMapper = (el, g) => {
  const next = g.ref(firstTarget(el, g));
  const def: BpmnElement | undefined = el.eventDefinitions?.[0];
  if (def?.$type === 'bpmn:TimerEventDefinition') {
    const value = timerValue(def);
    if (value) return { kind: 'node', node: { ...baseNode(el, 'delay'), ...value, next } };
  }
  if (def?.$type === 'bpmn:MessageEventDefinition') {
    return { kind: 'node', node: { ...baseNode(el, 'wait'), events: [{ event: messageName(def), next }] } };
  }
  return pass(
    el,
    g,
    def
      ? `with a ${def.$type}${def.timeCycle ? ' (a cycle)' : ''} is not supported`
      : 'without an event definition is not supported',
  );
};

/** Leaves an element out, joining its way in to its way out, and says so. */
export function pass(el: BpmnElement, g: ProcessGraph, why: string): { kind: 'pass'; to?: string } {
  g.diagnostics.push(d.bpmn_unsupported_element({}, describe(el), `${why}; it was left out`));
  return { kind: 'pass', to: firstTarget(el, g) };
}
