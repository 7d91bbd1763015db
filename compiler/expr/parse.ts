import type { BinaryOp, ExprNode } from './ast.ts';
import { syntax } from './errors.ts';
import { tokenize, type Token } from './tokenize.ts';

/** How tightly each infix operator binds; higher binds tighter. Mirrors JavaScript's own order. */
const INFIX: Record<string, number> = {
  '?': 1,
  '||': 2,
  '&&': 3,
  '==': 4, '!=': 4,
  '<': 5, '<=': 5, '>': 5, '>=': 5,
  '+': 6, '-': 6,
  '*': 7, '/': 7, '%': 7,
};
// Postfix `.`, `[]` and `()` bind tightest of all, so the loop below always takes them.
const PREFIX_POWER = 8;
/** Deep enough for any expression a person writes, shallow enough to never exhaust the stack. */
const MAX_DEPTH = 100;

/** Parses expression source into a syntax tree; throws `ExprFailure` (`expr.syntax`) with the offending offset. */
export function parseExpr(src: string): ExprNode {
  const tokens = tokenize(src);
  let at = 0;
  let depth = 0;

  const peek = (): Token => tokens[at];
  const next = (): Token => tokens[at++];
  const isOp = (t: Token, text: string) => t.kind === 'op' && t.text === text;
  const describe = (t: Token) => (t.kind === 'eof' ? 'the end of the expression' : `"${src.slice(t.pos, t.pos + Math.max(1, t.text.length))}"`);

  function expect(text: string, what: string): Token {
    const t = next();
    if (!isOp(t, text)) syntax(`expected ${what} but found ${describe(t)}`, t.pos);
    return t;
  }

  function expression(minPower: number): ExprNode {
    if (++depth > MAX_DEPTH) syntax('the expression is nested too deeply', peek().pos);
    let left = prefix();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op') break;
      if (t.text === '.' || t.text === '[' || t.text === '(') {
        left = postfix(left);
        continue;
      }
      const power = INFIX[t.text];
      if (power === undefined || power < minPower) break;
      next();
      if (t.text === '?') {
        const then = expression(1);
        expect(':', '":" of "cond ? a : b"');
        const otherwise = expression(1);
        left = { kind: 'conditional', test: left, then, otherwise, pos: t.pos };
      } else {
        const right = expression(power + 1);
        left = { kind: 'binary', op: t.text as BinaryOp, left, right, pos: t.pos };
      }
    }
    depth--;
    return left;
  }

  function postfix(object: ExprNode): ExprNode {
    const t = next();
    if (t.text === '.') {
      const key = next();
      if (key.kind !== 'name') syntax(`expected a field name after "." but found ${describe(key)}`, key.pos);
      return { kind: 'member', object, key: key.text, keyPos: key.pos, pos: t.pos };
    }
    if (t.text === '[') {
      const index = expression(0);
      expect(']', '"]"');
      return { kind: 'index', object, index, pos: t.pos };
    }
    // A call: only the built-in functions can be called, and they are plain names.
    if (object.kind !== 'variable') syntax('only the built-in functions can be called, as name(...)', t.pos);
    const args: ExprNode[] = [];
    if (!isOp(peek(), ')')) {
      for (;;) {
        args.push(expression(0));
        if (!isOp(peek(), ',')) break;
        next();
      }
    }
    expect(')', '")" or ","');
    return { kind: 'call', name: object.name, args, pos: object.pos };
  }

  function prefix(): ExprNode {
    const t = next();
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
          const inner = expression(0);
          expect(')', '")"');
          return inner;
        }
        if (t.text === '!' || t.text === '-') {
          return { kind: 'unary', op: t.text, arg: expression(PREFIX_POWER), pos: t.pos };
        }
        if (t.text === '+') syntax('unary "+" is not supported; use number(x)', t.pos);
        break;
      case 'eof':
        syntax(t.pos === 0 ? 'the expression is empty' : 'the expression ends too early', t.pos);
    }
    return syntax(`unexpected ${describe(t)}`, t.pos);
  }

  const tree = expression(0);
  const rest = peek();
  if (rest.kind !== 'eof') syntax(`unexpected ${describe(rest)}; an operator may be missing`, rest.pos);
  return tree;
}
