/**
 * The import graph of the repository's own code, read with regular expressions rather than a
 * TypeScript parser: the architecture test needs only the module specifiers, and a regex over the
 * source is fast and has no dependency that could itself change the answer.
 */
import { readFileSync, readdirSync, type Dirent } from 'node:fs';
import { join, posix } from 'node:path';

/** One import statement as written in a file. */
export interface ImportRef {
  /** The module specifier, as written (`'./x.ts'`, `'preact'`). */
  spec: string;
  /**
   * Erased entirely when compiled: `import type …`, `export type … from`, or `import('…')` used as a
   * type. `import { type A }` is not: with `verbatimModuleSyntax` it stays as `import {} from …`, so
   * the module still runs.
   */
  typeOnly: boolean;
  /** 1-based line of the statement, for messages. */
  line: number;
}

/** An import between two files of the repository, both as paths relative to its root (`/`-separated). */
export interface Edge extends ImportRef {
  from: string;
  to: string;
}

/** The graph: every file read, every resolved edge, and relative imports that name no file. */
export interface ImportGraph {
  files: string[];
  edges: Edge[];
  unresolved: (ImportRef & { from: string })[];
}

/** Files whose imports are read; other files (JSON, CSS, SQL) may be import targets only. */
export const CODE_FILE = /\.(ts|tsx|mts|mjs|js)$/;

// `import … from '…'` and `export … from '…'` at the start of a line (statements span lines; a
// quote or semicolon ends the clause, so an `export const` is never taken for a re-export).
const STATIC = /^[ \t]*(import|export)\b([^'"`;]*?)\bfrom\s*(['"])([^'"\n]+)\3/gm;
// `import '…'` for its side effects only.
const BARE = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
// `import('…')`: a dynamic import, or a type when `typeof` comes before or a member name after it.
const DYNAMIC = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

const lineAt = (source: string, index: number) => source.slice(0, index).split('\n').length;

/**
 * True when `index` falls inside a quoted string that opened earlier on its line: `import('…')` can
 * appear anywhere in an expression, so a test's source text could otherwise pass for an import.
 */
function inString(source: string, index: number): boolean {
  let quote = '';
  for (let i = source.lastIndexOf('\n', index - 1) + 1; i < index; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && source[i + 1] === '/') return false; // the rest of the line is a comment
  }
  return quote !== '';
}

/** The imports a source file makes, in the order they appear. */
export function importsOf(source: string): ImportRef[] {
  const out: (ImportRef & { at: number })[] = [];
  for (const m of source.matchAll(STATIC)) {
    const clause = m[2].trim();
    out.push({ spec: m[4], typeOnly: /^type\b/.test(clause), line: lineAt(source, m.index), at: m.index });
  }
  for (const m of source.matchAll(BARE))
    out.push({ spec: m[2], typeOnly: false, line: lineAt(source, m.index), at: m.index });
  for (const m of source.matchAll(DYNAMIC)) {
    if (inString(source, m.index)) continue;
    const before = source.slice(Math.max(0, m.index - 10), m.index);
    const after = source.slice(m.index + m[0].length);
    const typeOnly = /\btypeof\s*$/.test(before) || /^\s*\.\s*(?!then\b|catch\b|finally\b)[A-Za-z_$]/.test(after);
    out.push({ spec: m[2], typeOnly, line: lineAt(source, m.index), at: m.index });
  }
  return out.sort((a, b) => a.at - b.at).map(({ at: _at, ...ref }) => ref);
}

/** What a relative specifier names among `files`: the exact path, or with `.ts`/`.tsx`, or a folder's index. */
export function resolveSpec(from: string, spec: string, files: ReadonlySet<string>): string | null {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((c) => files.has(c)) ?? null;
}

/**
 * Builds the graph of `sources` (path → text; non-code paths may map to '' and are targets only).
 * Package imports (`'preact'`, `'node:fs'`) are not edges: only the repository's own files are.
 */
export function buildGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const files = new Set(sources.keys());
  const graph: ImportGraph = { files: [...files].sort(), edges: [], unresolved: [] };
  for (const [from, text] of sources) {
    if (!CODE_FILE.test(from) || from.endsWith('.d.ts')) continue;
    for (const ref of importsOf(text)) {
      if (!ref.spec.startsWith('.')) continue;
      const to = resolveSpec(from, ref.spec, files);
      if (to) graph.edges.push({ ...ref, from, to });
      else graph.unresolved.push({ ...ref, from });
    }
  }
  return graph;
}

/** Reads every file under `folders` of `root` (skipping node_modules), code files with their text. */
export function readTree(root: string, folders: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return; // a package that does not exist (yet) has no imports to check
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else out.set(path, CODE_FILE.test(e.name) ? readFileSync(join(root, path), 'utf8') : '');
    }
  };
  for (const folder of folders) walk(folder);
  return out;
}
