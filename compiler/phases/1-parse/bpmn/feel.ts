/**
 * FEEL conditions of the simple kinds, as Camunda Modeler writes them (`=approved = true`,
 * `=amount > 100 and country = "UA"`), rewritten in Chatlet's expression language. Anything else
 * (function calls, lists, ranges, `in`, `between`, paths into contexts with spaces) is not
 * translated: the caller keeps the text and reports it.
 */

export interface FeelResult {
  expr: string;
  /** False when the condition is not one of the simple kinds and `expr` is the text as written. */
  simple: boolean;
  /** Variable names the condition reads. */
  names: string[];
}

const TOKEN =
  /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(!=|<=|>=|=|<|>)|([()]))/y;
const KEYWORDS: Record<string, string> = { and: '&&', or: '||', true: 'true', false: 'false', null: 'null' };

/** Translates one FEEL condition (with or without the leading `=`). */
export function feelCondition(text: string): FeelResult {
  const source = text.trim().replace(/^=/, '').trim();
  const out: string[] = [];
  const names = new Set<string>();
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < source.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(source);
    if (!m) return { expr: source, simple: false, names: [] };
    pos = TOKEN.lastIndex;
    const [, str, num, word, op, paren] = m;
    if (str !== undefined) out.push(str);
    else if (num !== undefined) out.push(num);
    else if (op !== undefined) out.push(op === '=' ? '==' : op);
    else if (paren !== undefined) out.push(paren);
    else if (word === 'not') {
      // FEEL's not(x) is a function; ! applied to the parenthesised group reads the same.
      out.push('!');
    } else if (word in KEYWORDS) out.push(KEYWORDS[word]);
    else {
      names.add(word.split('.')[0]);
      out.push(word);
    }
    if (/^\s*$/.test(source.slice(pos))) break;
  }
  if (out.length === 0) return { expr: source, simple: false, names: [] };
  return {
    expr: out.join(' ').replace(/! \(/g, '!(').replace(/\( /g, '(').replace(/ \)/g, ')'),
    simple: true,
    names: [...names],
  };
}
