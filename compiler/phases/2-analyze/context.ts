import { d, type At } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { parseDuration } from '../../duration.ts';
import { checkExprSource, checkTextSource, type ExprCheckContext } from '../../expr/index.ts';
import type { Duration, Text } from '../../model/types.ts';
import { formatPath } from '../1-parse/issues.ts';
import type { ScriptSyntaxCheck } from './script-syntax.ts';
import type { NodeContext } from './visitor.ts';

const LINK = /\[[^\]]*\]\(([^)]*)\)/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const MAX_JSON_DEPTH = 64;

/**
 * The NodeContext of the analyze phase. One instance serves every node in turn (`enter`), so a
 * 1,000-node scenario does not allocate a thousand sets of closures.
 */
export class NodeChecker implements NodeContext {
  private nodeId = '';
  private base = '';
  /** Every top-level variable name a valid expression or template of any node reads. */
  readonly reads = new Set<string>();

  constructor(
    private readonly exprCtx: ExprCheckContext,
    readonly report: (x: Diagnostic) => void,
    readonly scriptSyntax?: ScriptSyntaxCheck,
  ) {}

  /** Points the checker at a node: its id and JSON path (`nodes[3]`). */
  enter(nodeId: string, base: string): this {
    this.nodeId = nodeId;
    this.base = base;
    return this;
  }

  at(field?: string, column?: number): At {
    const path = !field ? this.base : field.startsWith('[') ? this.base + field : `${this.base}.${field}`;
    return column === undefined ? { nodeId: this.nodeId, path } : { nodeId: this.nodeId, path, column };
  }

  expr(field: string, src: string): string[] | undefined {
    const r = checkExprSource(src, this.exprCtx);
    if (r.ok) return this.read(r.names);
    this.report(d.expr_error(this.at(field, r.error.column), r.error));
    return undefined;
  }

  text(field: string, text: Text | undefined): string[] | undefined {
    if (text === undefined) return [];
    if (typeof text === 'string') return this.template(field, text);
    const langs = Object.keys(text);
    if (langs.length === 0) {
      this.report(d.text_invalid(this.at(field), 'a translated text needs at least one language'));
      return undefined;
    }
    const names: string[] = [];
    let ok = true;
    for (const lang of langs) {
      const r = this.template(formatPath(field, [lang]), text[lang]);
      if (r) names.push(...r);
      else ok = false;
    }
    return ok ? [...new Set(names)] : undefined;
  }

  duration(field: string, value: Duration | undefined): void {
    if (value === undefined) return;
    if (typeof value === 'string') {
      if (parseDuration(value) === null) this.report(d.duration_invalid(this.at(field), value));
    } else {
      this.expr(`${field}.expr`, value.expr);
    }
  }

  json(field: string, value: unknown, depth = 0): void {
    if (typeof value === 'string') this.template(field, value);
    else if (value !== null && typeof value === 'object' && depth < MAX_JSON_DEPTH) {
      const list = Array.isArray(value);
      for (const [k, x] of Object.entries(value)) this.json(formatPath(field, [list ? Number(k) : k]), x, depth + 1);
    }
  }

  private template(field: string, s: string): string[] | undefined {
    let names: string[] = [];
    // Plain text (the common case) has nothing to compile.
    if (s.includes('{{')) {
      const r = checkTextSource(s, this.exprCtx);
      if (!r.ok) {
        this.report(d.expr_error(this.at(field, r.error.column), r.error));
        return undefined;
      }
      names = r.names;
    }
    // Minimal markdown allows links, with http(s) targets only.
    if (s.includes('](')) {
      for (const m of s.matchAll(LINK)) {
        const scheme = SCHEME.exec(m[1].replace(/[\u0000-\u0020]/g, ''))?.[1].toLowerCase();
        if (scheme && scheme !== 'http' && scheme !== 'https') {
          this.report(d.text_invalid(this.at(field, m.index + 1), `the link to "${m[1]}" must use http or https`));
        }
      }
    }
    return this.read(names);
  }

  private read(names: string[]): string[] {
    for (const name of names) this.reads.add(name);
    return names;
  }
}
