import type { Duration, Scenario, Text } from '../../model/types.ts';
import type { Analysis } from '../2-analyze/types.ts';
import type { DurationRef, NodeKind } from '../../contract.ts';
import type { Js, JsonRef, TextRef } from './types.ts';
import { compileExpr, compileText } from '../../expr/index.ts';
import { parseDuration } from '../../duration.ts';
import { FAIL_KEY, branchDoneKey, stateKey } from './keys.ts';

/** What a node lowerer may ask of the phase: names, targets and compiled code. */
export interface LowerContext {
  scenario: Scenario;
  analysis: Analysis;
  /** The state key of a node id. */
  key(id: string): string;
  /** The transition target for a node id, seen from the current parallel branch. */
  to(id: string): string;
  /** Compiles an expression and returns its index in the expression table. */
  expr(src: string): number;
  /** Compiles a Text into a string, a template closure or a per-language map. */
  text(t: Text): TextRef;
  /** Compiles a JSON body whose strings are Text templates. */
  json(value: unknown): JsonRef;
  /** A static duration in ms, or `{e}` for a duration expression evaluated at run time. */
  duration(d: Duration): DurationRef;
  /** Marks the bundle as needing a node type's runtime code (besides the node's own type). */
  use(type: NodeKind): void;
  /** The target of the shared "something went wrong" state, created on first use. */
  fail(): string;
}

/** Shared, mutable state of one lowering run; node lowerers only see `LowerContext`. */
export interface LowerRun {
  /** State keys some transition reaches by `#id` from another scope: only these states get an id. */
  needsId: Set<string>;
  exprs: Js[];
  exprIndex: Map<string, number>;
  uses: Set<NodeKind>;
  needsFail: boolean;
}

/** Builds the context for one scope; `joins` maps a parallel's join id to the done state of the branch being lowered. */
export function makeContext(
  scenario: Scenario,
  analysis: Analysis,
  run: LowerRun,
  joins: Map<string, string>,
  scope: Set<string>,
): LowerContext {
  const ctx = { variables: analysis.variables };
  const js = (src: string): Js => ({ $js: src });
  const template = (s: string): string | Js => {
    if (!s.includes('{{')) return s;
    const r = compileText(s, ctx);
    // analyze has reported any error already; lowering only runs on error-free scenarios.
    return r.ok ? js(`(v)=>${r.js}`) : s;
  };
  const self: LowerContext = {
    scenario,
    analysis,
    key: stateKey,
    to(id) {
      const done = joins.get(id);
      if (done) return '#' + done;
      // A sibling is reached by its key; anything further away by id, which that state then gets.
      if (scope.has(id)) return stateKey(id);
      run.needsId.add(stateKey(id));
      return '#' + stateKey(id);
    },
    expr(src) {
      const found = run.exprIndex.get(src);
      if (found !== undefined) return found;
      const r = compileExpr(src, ctx);
      const index = run.exprs.length;
      run.exprs.push(js(r.ok ? `(v)=>(${r.js})` : '()=>null'));
      run.exprIndex.set(src, index);
      return index;
    },
    text(t) {
      if (typeof t === 'string') return template(t);
      const out: Record<string, string | Js> = {};
      for (const lang of Object.keys(t).sort()) out[lang] = template(t[lang]);
      return out;
    },
    json(value) {
      if (typeof value === 'string') return template(value);
      if (Array.isArray(value)) return value.map((x) => self.json(x));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(value)) out[k] = self.json(x);
        return out;
      }
      return value;
    },
    duration(d) {
      if (typeof d === 'string') return parseDuration(d) ?? 0;
      return { e: self.expr(d.expr) };
    },
    use(type) {
      run.uses.add(type);
    },
    fail() {
      run.needsFail = true;
      return '#' + FAIL_KEY;
    },
  };
  return self;
}

export { branchDoneKey };
