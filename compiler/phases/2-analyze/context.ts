import { d, type At } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { parseDuration } from '../../duration.ts';
import { compileExpr, compileText, type ExprCheckContext } from '../../expr/index.ts';
import type { Text } from '../../model/types.ts';
import { formatPath } from '../1-parse/issues.ts';
import type { NodeContext } from './visitor.ts';

const LINK = /\[[^\]]*\]\(([^)]*)\)/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const MAX_JSON_DEPTH = 64;

/** The NodeContext for one node: every check reports against `base` (`nodes[3]`) and `nodeId`. */
export function nodeContext(nodeId: string, base: string, exprCtx: ExprCheckContext, report: (x: Diagnostic) => void): NodeContext {
  const pathOf = (field?: string) => (!field ? base : field.startsWith('[') ? base + field : `${base}.${field}`);
  const at = (field?: string, column?: number): At => ({ nodeId, path: pathOf(field), ...(column === undefined ? {} : { column }) });

  const template = (field: string, s: string): string[] | undefined => {
    const r = compileText(s, exprCtx);
    if (!r.ok) {
      report(d.expr_error(at(field, r.error.column), r.error));
      return undefined;
    }
    // Minimal markdown allows links, with http(s) targets only.
    for (const m of s.matchAll(LINK)) {
      const scheme = SCHEME.exec(m[1].replace(/[\u0000-\u0020]/g, ''))?.[1].toLowerCase();
      if (scheme && scheme !== 'http' && scheme !== 'https') {
        report(d.text_invalid(at(field, m.index + 1), `the link to "${m[1]}" must use http or https`));
      }
    }
    return r.names;
  };

  const cx: NodeContext = {
    at,
    report,
    expr(field, src) {
      const r = compileExpr(src, exprCtx);
      if (r.ok) return r.names;
      report(d.expr_error(at(field, r.error.column), r.error));
      return undefined;
    },
    text(field, text: Text | undefined) {
      if (text === undefined) return [];
      if (typeof text === 'string') return template(field, text);
      const langs = Object.keys(text);
      if (langs.length === 0) {
        report(d.text_invalid(at(field), 'a translated text needs at least one language'));
        return undefined;
      }
      const names: string[] = [];
      let ok = true;
      for (const lang of langs) {
        const r = template(formatPath(field, [lang]), text[lang]);
        if (r) names.push(...r);
        else ok = false;
      }
      return ok ? [...new Set(names)] : undefined;
    },
    duration(field, value) {
      if (value === undefined) return;
      if (typeof value === 'string') {
        if (parseDuration(value) === null) report(d.duration_invalid(at(field), value));
      } else {
        cx.expr(`${field}.expr`, value.expr);
      }
    },
    json(field, value) {
      const walk = (v: unknown, path: string, depth: number): void => {
        if (typeof v === 'string') template(path, v);
        else if (v !== null && typeof v === 'object' && depth < MAX_JSON_DEPTH) {
          for (const [k, x] of Object.entries(v)) walk(x, formatPath(path, [Array.isArray(v) ? Number(k) : k]), depth + 1);
        }
      };
      walk(value, field, 0);
    },
  };
  return cx;
}
