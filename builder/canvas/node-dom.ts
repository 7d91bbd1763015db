/**
 * The inside of a node on the canvas, built from the node's data with DOM calls and textContent
 * only. Author text (labels, prompts, option labels) is never parsed as HTML, so a label such as
 * `<img src=x onerror=…>` shows as those characters and runs nothing.
 */
import type { Port } from '../../compiler/phases/1-parse/drawflow/index.ts';
import { PALETTE } from '../model/new-node.ts';
import { summarize } from '../model/summary.ts';
import type { NodeDoc } from '../model/types.ts';

const TITLES = new Map(PALETTE.map((p) => [p.type, p.title]));

function el(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Replaces the children of a node's content element with the node's head, summary and port labels. */
export function fillContent(content: HTMLElement, node: NodeDoc, ports: Port[], isStart: boolean): void {
  const head = el('div', 'cl-head');
  head.append(el('span', 'cl-type', TITLES.get(node.type) ?? `Unknown type "${String(node.type)}"`));
  if (isStart) head.append(el('span', 'cl-start-tag', 'Start'));
  head.append(el('span', 'cl-badge'));
  content.replaceChildren(head);
  content.append(el('div', 'cl-title', typeof node.label === 'string' && node.label ? node.label : String(node.id)));
  // Port rows come straight after the fixed-height head and title: see geometry.ts.
  if (ports.length) {
    const box = el('div', 'cl-ports');
    for (const p of ports) box.append(el('div', 'cl-port', p.label || ' '));
    content.append(box);
  }
  const lines = summarize(node);
  if (lines.length) {
    const box = el('div', 'cl-lines');
    for (const line of lines) box.append(el('div', 'cl-line', line));
    content.append(box);
  }
}

/** Shows a node's problems: a count badge and the messages as its tooltip. */
export function markProblems(nodeEl: HTMLElement, errors: string[], warnings: string[]): void {
  nodeEl.classList.toggle('cl-has-error', errors.length > 0);
  nodeEl.classList.toggle('cl-has-warning', errors.length === 0 && warnings.length > 0);
  const badge = nodeEl.querySelector('.cl-badge');
  const count = errors.length + warnings.length;
  if (badge) {
    badge.textContent = count ? `${count} ${errors.length ? 'error' : 'warning'}${count > 1 ? 's' : ''}` : '';
    badge.setAttribute('aria-label', count ? [...errors, ...warnings].join('\n') : '');
  }
  if (count) nodeEl.title = [...errors, ...warnings].join('\n');
  else nodeEl.removeAttribute('title');
}
