import { d } from '../../../../diagnostics/catalogue.ts';
import { feelCondition } from '../feel.ts';
import { baseNode, describe, type BpmnElement, type ElementMapper, type ProcessGraph } from '../types.ts';
import { messageName, pass, timerValue } from './events.ts';

const outs = (el: BpmnElement, g: ProcessGraph) => g.outgoing.get(el.id!) ?? [];
const ins = (el: BpmnElement, g: ProcessGraph) => g.incoming.get(el.id!) ?? [];

/**
 * A diverging exclusive gateway becomes `condition`: one branch per conditional flow (FEEL of the
 * simple kinds translated), the default flow as `else`. Without a default, an unconditional flow
 * is `else`; without either, the last branch is. A merging gateway is just a meeting point.
 */
export const exclusiveGateway: ElementMapper = (el, g) => {
  const flows = outs(el, g);
  if (flows.length <= 1) return { kind: 'pass', to: flows[0]?.targetRef?.id };
  const branches: { when: string; next: string }[] = [];
  let otherwise: string | undefined = el.default ? g.ref(el.default.targetRef?.id) : undefined;
  for (const flow of flows) {
    if (flow === el.default) continue;
    const target = g.ref(flow.targetRef?.id);
    const body = flow.conditionExpression?.body;
    if (typeof body !== 'string' || body.trim() === '') {
      if (otherwise === undefined) otherwise = target;
      else
        g.diagnostics.push(
          d.bpmn_unsupported_element(
            { nodeId: el.id },
            describe(flow),
            'has no condition and is not the default flow; it was left out',
          ),
        );
      continue;
    }
    const feel = feelCondition(body);
    if (!feel.simple)
      g.diagnostics.push(d.bpmn_unsupported_condition({ nodeId: el.id, path: `flow ${flow.id}` }, body));
    feel.names.forEach((n) => g.names.add(n));
    branches.push({ when: feel.expr, next: target });
  }
  if (branches.length === 0) return { kind: 'pass', to: (el.default ?? flows[0]).targetRef?.id };
  if (otherwise === undefined) {
    otherwise = branches[branches.length - 1].next;
    g.diagnostics.push(d.bpmn_no_default_flow({ nodeId: el.id }, otherwise));
  }
  return { kind: 'node', node: { ...baseNode(el, 'condition'), branches, else: otherwise } };
};

/**
 * A parallel fork becomes `parallel`, naming the first merging parallel gateway that every branch
 * reaches as its `join`; a parallel merge becomes `join`.
 */
export const parallelGateway: ElementMapper = (el, g) => {
  const o = outs(el, g);
  const i = ins(el, g);
  if (o.length > 1 && i.length > 1)
    return pass(el, g, 'both merges and forks, which is not supported; split it into two gateways');
  if (o.length > 1) {
    const starts = o.map((f) => f.targetRef?.id as string);
    const join = findJoin(starts, g);
    if (!join)
      g.diagnostics.push(
        d.bpmn_unsupported_element(
          { nodeId: el.id },
          describe(el),
          'forks into branches that never meet at one parallel gateway, so its join is left empty',
        ),
      );
    return {
      kind: 'node',
      node: { ...baseNode(el, 'parallel'), branches: starts.map((s) => g.ref(s)), join: join ? g.ref(join) : '' },
    };
  }
  if (i.length > 1) return { kind: 'node', node: { ...baseNode(el, 'join'), next: g.ref(o[0]?.targetRef?.id) } };
  return { kind: 'pass', to: o[0]?.targetRef?.id };
};

/** The merging parallel gateway nearest to the first branch that every branch reaches. */
function findJoin(starts: string[], g: ProcessGraph): string | undefined {
  const reach = starts.map((s) => {
    const seen = new Set<string>();
    const order: string[] = [];
    const queue = [s];
    while (queue.length) {
      const id = queue.shift()!;
      if (!id || seen.has(id)) continue;
      seen.add(id);
      const el = g.elements.get(id);
      if (el?.$type === 'bpmn:ParallelGateway' && (g.incoming.get(id)?.length ?? 0) > 1) {
        order.push(id);
        continue;
      }
      for (const f of g.outgoing.get(id) ?? []) queue.push(f.targetRef?.id);
    }
    return order;
  });
  return reach[0].find((id) => reach.every((r) => r.includes(id)));
}

/**
 * An event-based gateway becomes `wait`: each message catch event after it is one awaited page
 * event, a timer catch event is the timeout. The catch events themselves become part of the wait.
 */
export const eventBasedGateway: ElementMapper = (el, g) => {
  const events: { event: string; next: string }[] = [];
  const node: Record<string, unknown> = baseNode(el, 'wait');
  for (const flow of outs(el, g)) {
    const target: BpmnElement | undefined = flow.targetRef;
    const def: BpmnElement | undefined = target?.eventDefinitions?.[0];
    const after = g.ref(g.outgoing.get(target?.id ?? '')?.[0]?.targetRef?.id);
    if (target?.$type === 'bpmn:IntermediateCatchEvent' && def?.$type === 'bpmn:MessageEventDefinition') {
      events.push({ event: messageName(def), next: after });
    } else if (
      target?.$type === 'bpmn:IntermediateCatchEvent' &&
      def?.$type === 'bpmn:TimerEventDefinition' &&
      timerValue(def) &&
      node.timeout === undefined
    ) {
      const value = timerValue(def)!;
      node.timeout = 'duration' in value ? value.duration : { expr: value.until };
      node.onTimeout = after;
    } else {
      g.diagnostics.push(
        d.bpmn_unsupported_element(
          { nodeId: el.id },
          describe(target ?? flow),
          'after an event-based gateway is not a message or timer catch event; it was left out of the wait',
        ),
      );
      continue;
    }
    if ((g.incoming.get(target.id!)?.length ?? 0) <= 1) g.absorbed.add(target.id!);
  }
  return { kind: 'node', node: { ...node, events } };
};
