import type { BinaryOp, ExprNode } from './ast.ts';
import { syntax } from './errors.ts';
import { tokenize, type Token } from './tokenize.ts';

/** How tightly each infix operator binds; higher binds tighter. Mirrors JavaScript's own order. */
const INFIX: Record<string, number> = {
  '?': 1,
  '||': 2,
  '&&': 3,
  '==': 4,
  '!=': 4,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};
// Postfix `.`, `[]` and `()` bind tightest of all, so the loop in `expression` always takes them.
const PREFIX_POWER = 8;
/** Deep enough for any expression a person writes, shallow enough to never exhaust the stack. */
const MAX_DEPTH = 100;

// The parser is module-level functions over this state rather than closures: analyze parses
// thousands of expressions per compile, and per-call closures cost measurable time under tsx.
interface State {
  src: string;
  tokens: Token[];
  at: number;
  depth: number;
}

/** Parses expression source into a syntax tree; throws `ExprFailure` (`expr.syntax`) with the offending offset. */
export function parseExpr(src: string): ExprNode {
  const s: State = { src, tokens: tokenize(src), at: 0, depth: 0 };
  const tree = expression(s, 0);
  const rest = s.tokens[s.at];
  if (rest.kind !== 'eof') syntax(`unexpected ${describe(s, rest)}; an operator may be missing`, rest.pos);
  return tree;
}

function describe(s: State, t: Token): string {
  return t.kind === 'eof' ? 'the end of the expression' : `"${s.src.slice(t.pos, t.pos + Math.max(1, t.text.length))}"`;
}

function isOp(t: Token, text: string): boolean {
  return t.kind === 'op' && t.text === text;
}

function expect(s: State, text: string, what: string): Token {
  const t = s.tokens[s.at++];
  if (!isOp(t, text)) syntax(`expected ${what} but found ${describe(s, t)}`, t.pos);
  return t;
}

function expression(s: State, minPower: number): ExprNode {
  if (++s.depth > MAX_DEPTH) syntax('the expression is nested too deeply', s.tokens[s.at].pos);
  let left = prefix(s);
  for (;;) {
    const t = s.tokens[s.at];
    if (t.kind !== 'op') break;
    if (t.text === '.' || t.text === '[' || t.text === '(') {
      left = postfix(s, left);
      continue;
    }
    const power = INFIX[t.text];
    if (power === undefined || power < minPower) break;
    s.at++;
    if (t.text === '?') {
      const then = expression(s, 1);
      expect(s, ':', '":" of "cond ? a : b"');
      const otherwise = expression(s, 1);
      left = { kind: 'conditional', test: left, then, otherwise, pos: t.pos };
    } else {
      const right = expression(s, power + 1);
      left = { kind: 'binary', op: t.text as BinaryOp, left, right, pos: t.pos };
    }
  }
  s.depth--;
  return left;
}

function postfix(s: State, object: ExprNode): ExprNode {
  const t = s.tokens[s.at++];
  if (t.text === '.') {
    const key = s.tokens[s.at++];
    if (key.kind !== 'name') syntax(`expected a field name after "." but found ${describe(s, key)}`, key.pos);
    return { kind: 'member', object, key: key.text, keyPos: key.pos, pos: t.pos };
  }
  if (t.text === '[') {
    const index = expression(s, 0);
    expect(s, ']', '"]"');
    return { kind: 'index', object, index, pos: t.pos };
  }
  // A call: only the built-in functions can be called, and they are plain names.
  if (object.kind !== 'variable') syntax('only the built-in functions can be called, as name(...)', t.pos);
  const args: ExprNode[] = [];
  if (!isOp(s.tokens[s.at], ')')) {
    for (;;) {
      args.push(expression(s, 0));
      if (!isOp(s.tokens[s.at], ',')) break;
      s.at++;
    }
  }
  expect(s, ')', '")" or ","');
  return { kind: 'call', name: object.name, args, pos: object.pos };
}

function prefix(s: State): ExprNode {
  const t = s.tokens[s.at++];
  switch (t.kind) {
    case 'num':
      return { kind: 'literal', value: Number(t.text), pos: t.pos };
    case 'str':
      return { kind: 'literal', value: t.text, pos: t.pos };
    case 'name':
      if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true', pos: t.pos };
      if (t.text === 'null') return { kind: 'literal', value: null, pos: t.pos };
      return { kind: 'variable', name: t.text, pos: t.pos };
    case 'op':
      if (t.text === '(') {
        const inner = expression(s, 0);
        expect(s, ')', '")"');
        return inner;
      }
      if (t.text === '!' || t.text === '-')
        return { kind: 'unary', op: t.text, arg: expression(s, PREFIX_POWER), pos: t.pos };
      if (t.text === '+') syntax('unary "+" is not supported; use number(x)', t.pos);
      break;
    case 'eof':
      syntax(t.pos === 0 ? 'the expression is empty' : 'the expression ends too early', t.pos);
  }
  return syntax(`unexpected ${describe(s, t)}`, t.pos);
}
