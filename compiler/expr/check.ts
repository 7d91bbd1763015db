import type { ExprNode } from './ast.ts';
import { ExprFailure } from './errors.ts';
import { FUNCTIONS, isFunction } from './functions.ts';
import type { ExprCheckContext } from './types.ts';

/** Member names that lead from data to code; never readable, whatever the data holds. */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype']);

const FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

/**
 * Checks names, functions, arity, forbidden members and literal regexes.
 * Returns the top-level variable names the expression reads; throws `ExprFailure` on the first problem.
 */
export function checkExpr(tree: ExprNode, ctx: ExprCheckContext): string[] {
  const names = new Set<string>();
  walk(tree, ctx, names);
  return [...names];
}

function walk(n: ExprNode, ctx: ExprCheckContext, names: Set<string>): void {
  switch (n.kind) {
    case 'literal':
      return;
    case 'variable':
      if (FORBIDDEN_MEMBERS.has(n.name)) forbidden(n.name, n.pos);
      if (!ctx.variables.has(n.name)) {
        const hint = isFunction(n.name)
          ? `; to call the function write ${n.name}(...)`
          : '; declare it in "variables" or assign it first';
        throw new ExprFailure('expr.unknown_variable', `unknown variable "${n.name}"${hint}`, n.pos);
      }
      names.add(n.name);
      return;
    case 'member':
      if (FORBIDDEN_MEMBERS.has(n.key)) forbidden(n.key, n.keyPos);
      return walk(n.object, ctx, names);
    case 'index':
      if (n.index.kind === 'literal' && FORBIDDEN_MEMBERS.has(String(n.index.value)))
        forbidden(String(n.index.value), n.index.pos);
      walk(n.object, ctx, names);
      return walk(n.index, ctx, names);
    case 'unary':
      return walk(n.arg, ctx, names);
    case 'binary':
      walk(n.left, ctx, names);
      return walk(n.right, ctx, names);
    case 'conditional':
      walk(n.test, ctx, names);
      walk(n.then, ctx, names);
      return walk(n.otherwise, ctx, names);
    case 'call':
      checkCall(n);
      for (const a of n.args) walk(a, ctx, names);
  }
}

function forbidden(name: string, pos: number): never {
  throw new ExprFailure('expr.forbidden_member', `"${name}" cannot be read in an expression`, pos);
}

function checkCall(n: Extract<ExprNode, { kind: 'call' }>): void {
  if (!isFunction(n.name)) {
    throw new ExprFailure(
      'expr.unknown_function',
      `unknown function "${n.name}"; the functions are ${Object.keys(FUNCTIONS).join(', ')}`,
      n.pos,
    );
  }
  const [min, max] = FUNCTIONS[n.name];
  if (n.args.length < min || n.args.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new ExprFailure(
      'expr.arity',
      `${n.name}() takes ${want} argument${max === 1 ? '' : 's'}, not ${n.args.length}`,
      n.pos,
    );
  }
  if (n.name === 'matches') checkRegex(n.args[1], n.args[2]);
}

/** `matches` takes literal patterns only: they are validated here, and visitors cannot supply a slow regex. */
function checkRegex(pattern: ExprNode, flags: ExprNode | undefined): void {
  if (pattern.kind !== 'literal' || typeof pattern.value !== 'string') {
    throw new ExprFailure('expr.bad_regex', 'the pattern of matches() must be a "string" literal', pattern.pos);
  }
  let flagText = '';
  if (flags) {
    if (flags.kind !== 'literal' || typeof flags.value !== 'string' || !FLAGS.test(flags.value)) {
      throw new ExprFailure(
        'expr.bad_regex',
        'the flags of matches() must be a "string" literal made of i, m, s and u',
        flags.pos,
      );
    }
    flagText = flags.value;
  }
  try {
    new RegExp(pattern.value, flagText);
  } catch (e) {
    throw new ExprFailure(
      'expr.bad_regex',
      `the pattern of matches() is not a valid regular expression (${(e as Error).message})`,
      pattern.pos,
    );
  }
}
