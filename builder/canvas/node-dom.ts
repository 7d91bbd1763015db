/**
 * The inside of a node on the canvas, built from the node's data with DOM calls and textContent
 * only. Author text (labels, prompts, option labels) is never parsed as HTML, so a label such as
 * `<img src=x onerror=…>` shows as those characters and runs nothing.
 */
import { nodeClass, type Port } from '../../compiler/browser.ts';
import { PALETTE } from '../model/new-node.ts';
import { problemsText } from '../model/problems.ts';
import { summarize } from '../model/summary.ts';
import type { NodeDoc, Position } from '../model/types.ts';

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

/** Shows a node's problems: a badge counting errors and warnings as the Problems panel does, and the messages as its tooltip. */
export function markProblems(nodeEl: HTMLElement, errors: string[], warnings: string[]): void {
  nodeEl.classList.toggle('cl-has-error', errors.length > 0);
  nodeEl.classList.toggle('cl-has-warning', errors.length === 0 && warnings.length > 0);
  const badge = nodeEl.querySelector('.cl-badge');
  const all = [...errors, ...warnings];
  if (badge) {
    badge.textContent = problemsText({ errors: errors.length, warnings: warnings.length });
    badge.setAttribute('aria-label', all.join('\n'));
  }
  if (all.length) nodeEl.title = all.join('\n');
  else nodeEl.removeAttribute('title');
}

/** A node's element in Drawflow's markup (inside its `.parent-node`), at a canvas position, with empty content. */
export function nodeElement(
  df: number,
  node: NodeDoc,
  pos: Position,
): { el: HTMLElement; content: HTMLElement; input: HTMLElement } {
  const parent = el('div', 'parent-node');
  const box = el('div', `drawflow-node ${nodeClass(node.type)}`);
  box.id = `node-${df}`;
  box.dataset.nodeId = String(node.id);
  const inputs = el('div', 'inputs');
  const input = el('div', 'input input_1');
  inputs.append(input);
  const content = el('div', 'drawflow_content_node');
  box.append(inputs, content, el('div', 'outputs'));
  box.style.left = `${pos.x}px`;
  box.style.top = `${pos.y}px`;
  parent.append(box);
  return { el: box, content, input };
}
