import { syntax } from './errors.ts';

export type TokenKind = 'num' | 'str' | 'name' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** For `num`: the source text; for `str`: the decoded value; for `name` and `op`: the text. */
  text: string;
  /** 0-based offset of the first character. */
  pos: number;
}

// Longest first, so `<=` wins over `<`. `===` and `!==` are accepted as spellings of `==` and `!=`.
const OPERATORS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || isDigit(c);

/** Splits expression source into tokens, ending with one `eof` token; throws `ExprFailure` on bad input. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i))!;
      if (isNameChar(src[i + m[0].length] ?? '')) syntax(`"${src.slice(i, i + m[0].length + 1)}" is not a number`, i);
      tokens.push({ kind: 'num', text: m[0], pos: i });
      i += m[0].length;
    } else if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) syntax('this string is never closed', start);
        const ch = src[i];
        if (ch === c) break;
        if (ch === '\n') syntax('this string is never closed on its line', start);
        if (ch === '\\') {
          const e = src[i + 1];
          if (e === undefined) syntax('this string is never closed', start);
          if (e === 'u') {
            const hex = src.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) syntax('"\\u" must be followed by four hex digits', i);
            value += String.fromCharCode(parseInt(hex, 16));
            i += 6;
          } else {
            value += ESCAPES[e] ?? e;
            i += 2;
          }
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'str', text: value, pos: start });
      i++;
    } else if (isNameStart(c)) {
      const start = i;
      while (i < src.length && isNameChar(src[i])) i++;
      tokens.push({ kind: 'name', text: src.slice(start, i), pos: start });
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) {
        if (c === '=') syntax('use "==" to compare; expressions cannot assign', i);
        if (c === '&' || c === '|') syntax(`use "${c}${c}"`, i);
        syntax(`unexpected character ${JSON.stringify(c)}`, i);
      }
      tokens.push({ kind: 'op', text: op.length === 3 ? op.slice(0, 2) : op, pos: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', pos: src.length });
  return tokens;
}
