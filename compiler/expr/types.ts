/**
 * The contract of the safe expression language (see docs/scenario-format.md).
 *
 * Emitted JavaScript is a single expression over two free names:
 *   `v` — the variables object, `$` — the runtime helper table (runtime/expr-helpers.ts).
 * It never uses eval, `new Function`, or direct property access on visitor data: variable,
 * member and index reads all go through `$.m(obj, key)`, which reads own properties only and
 * gives null for anything missing. It never spells `eval`, `Function`, `import` or `require`,
 * even inside string literals (they are written with a \u escape).
 */
export interface ExprCheckContext {
  /** Every variable name the scenario declares or assigns anywhere. */
  variables: ReadonlySet<string>;
}

export interface ExprError {
  code: string;
  message: string;
  /** 1-based column in the expression source. */
  column: number;
}

export type ExprResult = { ok: true; js: string; names: string[] } | { ok: false; error: ExprError };
