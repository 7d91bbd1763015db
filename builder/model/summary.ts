/**
 * What a node shows on the canvas: a few readable lines (the message, the question, the call),
 * plain strings that the canvas puts in as text. Branch labels come from the ports.
 */
import { labelText } from '../../compiler/browser.ts';
import type { NodeDoc } from './types.ts';
import { readDuration, UNIT_LABELS } from './durations.ts';

const MAX = 90;
const clip = (s: string) => (s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s);
const text = (v: unknown) => clip(labelText(v).replace(/\s+/g, ' ').trim());
/** A duration as the author edits it ("36 hours"); months, `{expr}` and odd text as written. */
const dur = (v: unknown) => {
  const read = readDuration(v);
  if (read.kind === 'amount')
    return `${read.amount} ${read.amount === 1 ? UNIT_LABELS[read.unit].slice(0, -1) : UNIT_LABELS[read.unit]}`;
  if (read.kind === 'expr') return `{${read.expr}}`;
  return read.kind === 'raw' ? read.text : '';
};

/** The summary lines of a node, most important first; at most four. */
export function summarize(node: NodeDoc): string[] {
  const lines: string[] = [];
  switch (node.type) {
    case 'message':
      lines.push(text(node.text));
      break;
    case 'choice':
      lines.push(text(node.prompt));
      if (node.var) lines.push(`→ ${node.var}${node.multiple ? ' (several)' : ''}`);
      break;
    case 'input':
      lines.push(text(node.prompt), `→ ${node.var ?? '?'} (${node.input ?? 'text'})`);
      break;
    case 'intent':
      if (node.prompt) lines.push(text(node.prompt));
      if (node.var) lines.push(`→ ${node.var}`);
      break;
    case 'set':
      for (const [k, v] of Object.entries(node.assign ?? {}).slice(0, 3)) lines.push(clip(`${k} = ${String(v)}`));
      break;
    case 'http':
      lines.push(clip(`${node.method ?? 'GET'} ${labelText(node.url)}`));
      if (node.background) lines.push('in the background');
      break;
    case 'delay':
      lines.push(node.until ? clip(`until ${String(node.until)}`) : `for ${dur(node.duration)}`);
      if (node.text) lines.push(text(node.text));
      break;
    case 'wait':
      if (node.timeout) lines.push(`timeout ${dur(node.timeout)}`);
      break;
    case 'handoff':
      lines.push(`queue ${node.queue || 'default'}`);
      if (node.text) lines.push(text(node.text));
      break;
    case 'script':
      lines.push(clip(String(node.code ?? '').split('\n')[0]));
      break;
    case 'end':
      if (node.text) lines.push(text(node.text));
      if (node.redirect) lines.push(clip(`→ ${String(node.redirect)}`));
      break;
  }
  return lines.filter(Boolean).slice(0, 4);
}
