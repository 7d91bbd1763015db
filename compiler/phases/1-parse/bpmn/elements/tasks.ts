import { d } from '../../../../diagnostics/catalogue.ts';
import { baseNode, extensions, firstTarget, label, type BpmnElement, type ElementMapper } from '../types.ts';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** A user task is work for a person: it becomes `handoff`, to the queue of its candidate group if it names one. */
export const userTask: ElementMapper = (el, g) => {
  const node: Record<string, unknown> = baseNode(el, 'handoff');
  const group = extensions(el, 'zeebe:assignmentDefinition')[0]?.candidateGroups;
  if (typeof group === 'string' && group.trim() && !group.trim().startsWith('='))
    node.queue = group.split(',')[0].trim();
  node.next = g.ref(firstTarget(el, g));
  return { kind: 'node', node };
};

/** The Zeebe task headers as a plain map, in file order. */
function taskHeaders(el: BpmnElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of extensions(el, 'zeebe:taskHeaders')) {
    for (const h of block.$children ?? []) if (typeof h?.key === 'string') out[h.key] = String(h.value ?? '');
  }
  return out;
}

/**
 * A service task becomes `http`. Task headers configure it: `url`, `method` (default POST) and
 * `body` (JSON); any other header becomes a field of the JSON body. Without a `url` header the
 * node gets a placeholder URL, and a diagnostic asks the author to fill it in.
 */
export const serviceTask: ElementMapper = (el, g) => {
  const headers = taskHeaders(el);
  const { url, method, body, ...rest } = headers;
  const type = extensions(el, 'zeebe:taskDefinition')[0]?.type;
  const node: Record<string, unknown> = baseNode(el, 'http');
  const m = typeof method === 'string' ? method.trim().toUpperCase() : 'POST';
  node.method = METHODS.has(m) ? m : 'POST';
  if (url && url.trim()) {
    node.url = url.trim();
  } else {
    const name = String(type ?? label(el) ?? el.id);
    node.url = `https://example.com/replace-me/${encodeURIComponent(name)}`;
    g.diagnostics.push(d.bpmn_service_task_placeholder({ nodeId: el.id }, label(el) ?? name));
  }
  let parsed: unknown;
  if (body !== undefined) {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = body;
    }
  } else if (Object.keys(rest).length) parsed = rest;
  if (parsed !== undefined && node.method !== 'GET') node.body = parsed;
  node.next = g.ref(firstTarget(el, g));
  return { kind: 'node', node };
};
