import type { ExprNode } from './ast.ts';
import { checkExpr } from './check.ts';
import { emitJs, jsString } from './emit-js.ts';
import { ExprFailure } from './errors.ts';
import { parseExpr } from './parse.ts';
import { parseTemplate } from './template.ts';
import type { ExprCheckContext, ExprError, ExprResult } from './types.ts';

export type { ExprNode } from './ast.ts';
export type { ExprCheckContext, ExprError, ExprResult } from './types.ts';
export { parseExpr } from './parse.ts';
export { parseTemplate, type TemplatePart } from './template.ts';
export { FUNCTIONS } from './functions.ts';
export { FORBIDDEN_MEMBERS } from './check.ts';
export { jsString } from './emit-js.ts';

/** Runs `fn`, turning an expression failure into a result; anything else is a compiler bug and propagates. */
function guard(fn: () => { js: string; names: string[] }): ExprResult {
  try {
    return { ok: true, ...fn() };
  } catch (e) {
    if (e instanceof ExprFailure) return { ok: false, error: e.toError() };
    throw e;
  }
}

function compileTree(src: string, ctx: ExprCheckContext, offset: number): { js: string; names: string[] } {
  let tree: ExprNode;
  try {
    tree = parseExpr(src);
    return { names: checkExpr(tree, ctx), js: emitJs(tree) };
  } catch (e) {
    if (e instanceof ExprFailure && offset) throw new ExprFailure(e.code, e.message, e.pos + offset);
    throw e;
  }
}

/** Compiles one expression to JavaScript over `v` and `$`, or returns the first problem with its 1-based column. */
export function compileExpr(src: string, ctx: ExprCheckContext): ExprResult {
  if (typeof src !== 'string')
    return { ok: false, error: { code: 'expr.syntax', message: 'an expression must be a string', column: 1 } };
  return guard(() => compileTree(src, ctx, 0));
}

/**
 * Compiles a Text template (`"Hi {{name}}!"`) to a JavaScript expression yielding a string.
 * Interpolated values go through `$.s` (null and undefined show as ""); plain text becomes a string literal.
 * Error columns are 1-based within the whole text.
 */
export function compileText(text: string, ctx: ExprCheckContext): ExprResult {
  if (typeof text !== 'string')
    return { ok: false, error: { code: 'text.invalid', message: 'a text must be a string', column: 1 } };
  return guard(() => {
    const names = new Set<string>();
    const pieces = parseTemplate(text).map((part) => {
      if (part.kind === 'text') return jsString(part.value);
      const r = compileTree(part.src, ctx, part.offset);
      for (const n of r.names) names.add(n);
      return `$.s(${r.js})`;
    });
    return { js: pieces.length ? pieces.join('+') : '""', names: [...names] };
  });
}

/** The outcome of checking without generating code: the variables read, or the first problem. */
export type ExprCheck = { ok: true; names: string[] } | { ok: false; error: ExprError };

/** Checks an expression exactly as `compileExpr` does, without generating JavaScript (what analyze needs). */
export function checkExprSource(src: string, ctx: ExprCheckContext): ExprCheck {
  try {
    return { ok: true, names: checkExpr(parseExpr(src), ctx) };
  } catch (e) {
    if (e instanceof ExprFailure) return { ok: false, error: e.toError() };
    throw e;
  }
}

/** Checks a Text template exactly as `compileText` does, without generating JavaScript. */
export function checkTextSource(text: string, ctx: ExprCheckContext): ExprCheck {
  try {
    const names = new Set<string>();
    for (const part of parseTemplate(text)) {
      if (part.kind === 'text') continue;
      try {
        for (const n of checkExpr(parseExpr(part.src), ctx)) names.add(n);
      } catch (e) {
        if (e instanceof ExprFailure) return { ok: false, error: e.toError(part.offset) };
        throw e;
      }
    }
    return { ok: true, names: [...names] };
  } catch (e) {
    if (e instanceof ExprFailure) return { ok: false, error: e.toError() };
    throw e;
  }
}

/** True when a Text string contains `{{...}}`, i.e. it is computed rather than literal. */
export function isTemplate(text: string): boolean {
  return text.includes('{{');
}
