import type { ExprNode } from './ast.ts';

// Words the emitted JavaScript must never spell out, even inside a string literal: a bundle is
// audited by searching for them, and strict-CSP reviewers do the same. `</` and the two JavaScript
// line separators are escaped too, so the output is safe wherever it is embedded.
const UNSAFE = /eval|Function|import|require|<\/|\u2028|\u2029/g;

const hex4 = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;

/** A JavaScript string literal for `s` that never contains a banned word, `</` or a raw line separator. */
export function jsString(s: string): string {
  return JSON.stringify(s).replace(UNSAFE, (w) => (w === '</' ? '<\\/' : hex4(w.charCodeAt(0)) + w.slice(1)));
}

/**
 * JavaScript for a checked syntax tree: one expression over `v` (variables) and `$` (helpers).
 * Every compound is parenthesised; the bundler's minifier drops the parentheses it does not need.
 */
export function emitJs(n: ExprNode): string {
  switch (n.kind) {
    case 'literal':
      if (typeof n.value === 'string') return jsString(n.value);
      if (typeof n.value === 'number') return Number.isFinite(n.value) ? String(n.value) : '(1/0)';
      return String(n.value);
    case 'variable':
      // Through `$.m` too: a variable never set reads as null (not undefined), and names such as
      // `toString` never reach Object.prototype.
      return `$.m(v,${jsString(n.name)})`;
    case 'member':
      return `$.m(${emitJs(n.object)},${jsString(n.key)})`;
    case 'index':
      return `$.m(${emitJs(n.object)},${emitJs(n.index)})`;
    case 'unary':
      return `(${n.op}${emitJs(n.arg)})`;
    case 'binary': {
      const op = n.op === '==' ? '===' : n.op === '!=' ? '!==' : n.op;
      return `(${emitJs(n.left)}${op}${emitJs(n.right)})`;
    }
    case 'conditional':
      return `(${emitJs(n.test)}?${emitJs(n.then)}:${emitJs(n.otherwise)})`;
    case 'call':
      return `$.${n.name}(${n.args.map(emitJs).join(',')})`;
  }
}
