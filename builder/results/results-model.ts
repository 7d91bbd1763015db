/**
 * What the Results tab and the analytics overlay show, computed from the owner API's answers and the draft:
 * table rows, a visitor's reached path with node titles, the filters as an API query, drop-off percentages,
 * and the names a bot may collect. Pure, so the tests read it without a browser.
 */
import { PAGE_CONTEXT_NAMES } from '../../compiler/browser.ts';
import type { Analytics, ResultPage, ResultQuery, ResultValue } from '../../rest/index.ts';
import { summarize } from '../model/summary.ts';
import type { Doc, NodeDoc } from '../model/types.ts';

/** The page context a bot may collect, exactly the names the compiler accepts in `collect`. */
export const PAGE_CONTEXT: readonly string[] = PAGE_CONTEXT_NAMES;

/** The table's filters as the author set them: status, and a date range of local calendar days (yyyy-mm-dd). */
export interface ResultFilters {
  status: 'all' | 'completed' | 'abandoned';
  from: string;
  to: string;
}

/** The results' query for the filters: days are the author's local days, from midnight to the next midnight. */
export function queryOf(f: ResultFilters, cursor?: string): ResultQuery {
  const q: ResultQuery = {};
  if (f.status !== 'all') q.completed = f.status === 'completed';
  const since = dayStart(f.from);
  const until = dayStart(f.to, 1);
  if (since) q.since = since;
  if (until) q.until = until;
  if (cursor) q.cursor = cursor;
  return q;
}

/** Midnight (local) of a yyyy-mm-dd day plus `plus` days, as an ISO instant; undefined for an empty or odd day. */
function dayStart(day: string, plus = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plus).toISOString();
}

/** An instant as the author reads it, in their time zone: 2026-12-07 17:05. */
export function formatTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}`;
}

/** A collected value as a table cell: text as it is, nothing as an empty cell. */
export function cellText(v: ResultValue | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

/** A node's title as the canvas shows it: its label, else its id; undefined when the draft has no such node. */
export function nodeTitle(doc: Doc, id: string): string | undefined {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return undefined;
  return typeof node.label === 'string' && node.label ? node.label : node.id;
}

/** One row of the Results table. */
export interface ResultRow {
  id: string;
  visitorId: string;
  started: string;
  updated: string;
  status: 'Completed' | 'Handed off' | 'Abandoned';
  lastNode: string;
  cells: string[];
  path: PathStep[];
}

/** A node a visitor reached: its id, and its title and first summary line when the draft still has it. */
export interface PathStep {
  id: string;
  title?: string;
  /** What the node says or asks, as its card on the canvas shows it first. */
  gist?: string;
}

/** The table rows of a page of results: one cell per column, in the columns' order. */
export function resultRows(page: ResultPage, doc: Doc): ResultRow[] {
  return page.results.map((r) => ({
    id: r.id,
    visitorId: r.visitorId,
    started: formatTime(r.startedAt),
    updated: formatTime(r.updatedAt),
    status: r.completed ? 'Completed' : r.handoff ? 'Handed off' : 'Abandoned',
    lastNode: r.lastNodeId ? stepText({ id: r.lastNodeId, title: nodeTitle(doc, r.lastNodeId) }) : '',
    cells: page.columns.map((c) => cellText(r.variables[c])),
    path: r.path.map((id) => ({ id, title: nodeTitle(doc, id), gist: gistOf(doc, id) })),
  }));
}

/** A step as one line: the title and, when it differs, the id, then its gist (a node gone from the draft says so). */
export function stepText(s: PathStep): string {
  if (s.title === undefined) return `${s.id} (not in the draft)`;
  const name = s.title === s.id ? s.id : `${s.title} (${s.id})`;
  return s.gist ? `${name} — ${s.gist}` : name;
}

function gistOf(doc: Doc, id: string): string | undefined {
  const node = doc.nodes.find((n) => n.id === id);
  return node ? summarize(node)[0] : undefined;
}

/** The share of `part` in `whole` as a rounded percentage ("25%"), or "–" when nobody reached it. */
export function percent(part: number, whole: number): string {
  if (!whole) return '–';
  const p = (part / whole) * 100;
  // Below 1 % and above 99 % say so instead of rounding to the misleading 0 % or 100 %.
  if (p > 0 && p < 1) return '<1%';
  if (p > 99 && p < 100) return '>99%';
  return `${Math.round(p)}%`;
}

/** What a node shows when Analytics is on. */
export interface NodeFigures {
  reached: string;
  dropOff: string;
  /** Per split branch, in the branches' order: "Branch 1 → offer_a: 12 starts · 5 completed (42%)". */
  branches: string[];
}

/** The figures each node shows, by node id; nodes no conversation reached show 0. */
export function nodeFigures(a: Analytics, nodes: NodeDoc[]): Map<string, NodeFigures> {
  const flows = new Map(a.nodes.map((n) => [n.id, n]));
  const splits = new Map(a.splits.map((s) => [s.id, s.branches]));
  const out = new Map<string, NodeFigures>();
  for (const node of nodes) {
    const f = flows.get(node.id) ?? { reached: 0, dropped: 0 };
    const branches = (splits.get(node.id) ?? [])
      .slice()
      .sort((x, y) => x.index - y.index)
      .map(
        (b) =>
          `Branch ${b.index + 1} → ${b.next}: ${count(b.starts, 'start')} · ${b.completions} completed (${percent(b.completions, b.starts)})`,
      );
    out.set(node.id, {
      reached: `${count(f.reached, 'visitor')}`,
      dropOff: f.reached ? `${percent(f.dropped, f.reached)} drop-off` : 'no drop-off',
      branches,
    });
  }
  return out;
}

/** "1 visitor", "3 visitors". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The names a bot may collect: the variables it declares or sets (a question's `var`, a set node's `assign`,
 * an http node's `save`), sorted, then the page context. The compiler has the last word (results.unknown_variable).
 */
export function collectableNames(doc: Doc): string[] {
  const names = new Set(Object.keys(doc.variables ?? {}));
  for (const n of doc.nodes) {
    if (typeof n.var === 'string' && n.var) names.add(n.var);
    for (const field of ['assign', 'save'] as const) {
      const m = n[field];
      if (m && typeof m === 'object' && !Array.isArray(m)) for (const k of Object.keys(m)) names.add(k);
    }
  }
  return [...[...names].sort(), ...PAGE_CONTEXT];
}
