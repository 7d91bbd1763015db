/**
 * The rules docs/architecture.md states, as code: which package may import which, through which
 * files, and in which order. Each check takes an import graph and returns its violations, so the
 * test can run them on the real tree and on small fixtures that break one rule each.
 */
import type { Edge, ImportGraph } from './imports.ts';

/** The repository's packages: its top-level folders of code. */
export const PACKAGES = ['compiler', 'runtime', 'rest', 'server', 'builder', 'bench', 'demo'] as const;

/** One of {@link PACKAGES}. */
export type Package = (typeof PACKAGES)[number];

/**
 * Packages entered only through a few files. Another package's code may import `files`; its tests
 * may also import `testFiles` (a harness). The other packages have no consumers that need limiting:
 * nothing imports server/ or builder/ but the tools (bench/, demo/).
 */
export const ENTRIES: Partial<Record<Package, { files: string[]; testFiles?: string[] }>> = {
  // Node (compile, diagnostics, import), what a browser may run (the builder), and the typed
  // contract between what the compiler emits and what the runtime runs.
  compiler: { files: ['compiler/index.ts', 'compiler/browser.ts', 'compiler/contract.ts'] },
  // The REST error catalogue and the one web client of the builder and the console.
  rest: { files: ['rest/index.ts'] },
  // Nothing imports the runtime to run it: the compiler bundles it by path (4-emit). Tests elsewhere
  // drive a compiled machine with its harness, and check compiled expressions against its helpers;
  // the e2e runs the storage contract's cases in Chromium on the storages its subjects make; a bench
  // test holds the results reporter's wire type (restated there, as the runtime never imports rest/)
  // equal to the server's.
  runtime: {
    files: [],
    testFiles: [
      'runtime/test/drive.ts',
      'runtime/test/machine-from-scenario.ts',
      'runtime/expr-helpers.ts',
      'runtime/storage/storage.contract.ts',
      'runtime/test/storage-subjects.ts',
      'runtime/results.ts',
    ],
  },
};

/**
 * What each package's own code (tests aside) may import: the documented order, compiler ← runtime,
 * server, builder. The compiler imports nothing of ours; bench/ and demo/ are tools over everything.
 */
export const MAY_IMPORT: Record<Package, readonly Package[]> = {
  compiler: [],
  runtime: ['compiler'],
  rest: ['compiler'],
  server: ['compiler', 'runtime', 'rest'],
  builder: ['compiler', 'runtime', 'rest'],
  bench: ['compiler', 'runtime', 'rest', 'server', 'builder'],
  demo: ['compiler', 'runtime', 'rest', 'server', 'builder'],
};

/** The compiler's files that run its phases in order, and so may import any of them. */
export const COMPILER_PIPELINES = ['compiler/index.ts', 'compiler/browser.ts', 'compiler/check.ts'];

/** One broken rule, with the import (or the cycle) that breaks it. */
export interface Violation {
  rule: 'entry' | 'runtime-imports' | 'cycle' | 'order';
  message: string;
}

/** The package a path belongs to (its first folder), or null outside the packages. */
export function packageOf(path: string): Package | null {
  const top = path.split('/')[0];
  return (PACKAGES as readonly string[]).includes(top) ? (top as Package) : null;
}

/** Tests and their helpers: never bundled or served, so they may reach further than product code. */
export function isTest(path: string): boolean {
  return /\.test\.tsx?$/.test(path) || /\.contract\.ts$/.test(path) || /(^|\/)(test|e2e)\//.test(path);
}

const at = (e: Edge) => `${e.from}:${e.line} imports ${e.to}`;

/** An import that crosses into a package other than through one of its entries. */
export function checkEntries(graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  for (const e of graph.edges) {
    const [from, to] = [packageOf(e.from), packageOf(e.to)];
    const entry = to && ENTRIES[to];
    if (!entry || from === to) continue;
    const allowed = [...entry.files, ...(isTest(e.from) ? (entry.testFiles ?? []) : [])];
    if (!allowed.includes(e.to))
      out.push({
        rule: 'entry',
        message: `${at(e)}: ${to}/ is entered only through ${allowed.join(', ') || 'nothing (for this file)'}`,
      });
  }
  return out;
}

/**
 * The runtime is the visitor's bundle: a value import from the compiler would ship compiler code
 * to every landing page, and the server's or the builder's code has no business there at all.
 * Tests and the harness may compile scenarios, so they may import compiler values.
 */
export function checkRuntimeImports(graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  for (const e of graph.edges) {
    if (packageOf(e.from) !== 'runtime') continue;
    const to = packageOf(e.to);
    if (to === 'server' || to === 'builder')
      out.push({ rule: 'runtime-imports', message: `${at(e)}: the runtime never imports ${to}/` });
    else if (to === 'compiler' && !e.typeOnly && !isTest(e.from))
      out.push({
        rule: 'runtime-imports',
        message: `${at(e)}: the runtime takes only types from the compiler (import type)`,
      });
  }
  return out;
}

/** Import cycles between files, type-only imports included: each is one strongly connected component. */
export function checkCycles(graph: ImportGraph): Violation[] {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: Violation[] = [];
  let counter = 0;
  for (const start of graph.files) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = next.get(top.node) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== top.node);
      const selfLoop = component.length === 1 && (next.get(w) ?? []).includes(w);
      if (component.length > 1 || selfLoop)
        out.push({ rule: 'cycle', message: `import cycle between ${component.sort().join(', ')}` });
    }
  }
  return out;
}

/** The compiler phase a path is in (1 parse … 4 emit), or null for shared modules and pipelines. */
export function phaseOf(path: string): number | null {
  const m = /^compiler\/phases\/(\d+)-/.exec(path);
  return m ? Number(m[1]) : null;
}

/**
 * An import pointing backwards in the documented order: a package importing one it may not (see
 * {@link MAY_IMPORT}); inside the compiler, a phase importing a later phase, or a shared module
 * (model, diagnostics, expr, the contract) importing any phase. Tests are exempt: they may compile
 * a scenario and run it in the runtime.
 */
export function checkOrder(graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  for (const e of graph.edges) {
    if (isTest(e.from)) continue;
    const [from, to] = [packageOf(e.from), packageOf(e.to)];
    if (from && to && from !== to && !MAY_IMPORT[from].includes(to)) {
      const may = MAY_IMPORT[from].length ? `only ${MAY_IMPORT[from].join(', ')}` : 'nothing of ours';
      out.push({ rule: 'order', message: `${at(e)}: ${from}/ may import ${may}` });
      continue;
    }
    if (from !== 'compiler' || to !== 'compiler' || COMPILER_PIPELINES.includes(e.from)) continue;
    const [pf, pt] = [phaseOf(e.from), phaseOf(e.to)];
    if (pt === null) continue;
    if (pf === null)
      out.push({ rule: 'order', message: `${at(e)}: a shared compiler module imports no phase (phase ${pt})` });
    else if (pt > pf) out.push({ rule: 'order', message: `${at(e)}: phase ${pf} imports the later phase ${pt}` });
  }
  return out;
}

/** Every rule over one graph, plus relative imports that name no file (a typo the rules would miss). */
export function checkAll(graph: ImportGraph): Violation[] {
  const unresolved: Violation[] = graph.unresolved.map((u) => ({
    rule: 'entry',
    message: `${u.from}:${u.line} imports ${u.spec}, which is no file of the repository`,
  }));
  return [
    ...unresolved,
    ...checkEntries(graph),
    ...checkRuntimeImports(graph),
    ...checkCycles(graph),
    ...checkOrder(graph),
  ];
}
