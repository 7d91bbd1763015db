import { syntax } from './errors.ts';

/** A piece of a Text template: literal text, or the source of one `{{expr}}` and where it starts. */
export type TemplatePart = { kind: 'text'; value: string } | { kind: 'expr'; src: string; offset: number };

/**
 * Splits a template into text and `{{expr}}` parts. `offset` is the 0-based position of the
 * expression source inside the template, so expression columns can be reported within the text.
 * A `}}` inside a quoted string does not close the expression. Throws `ExprFailure` when `{{` is never closed.
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    if (open > i) parts.push({ kind: 'text', value: text.slice(i, open) });
    const close = findClose(text, open + 2);
    if (close < 0) syntax('"{{" is never closed with "}}"', open);
    parts.push({ kind: 'expr', src: text.slice(open + 2, close), offset: open + 2 });
    i = close + 2;
  }
  if (i < text.length) parts.push({ kind: 'text', value: text.slice(i) });
  return parts;
}

function findClose(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '}' && text[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}
