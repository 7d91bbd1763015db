import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildGraph, importsOf, readTree } from './architecture/imports.ts';
import {
  checkAll,
  checkCycles,
  checkEntries,
  checkOrder,
  checkRuntimeImports,
  PACKAGES,
} from './architecture/rules.ts';

/**
 * The package rules of docs/architecture.md hold on the real tree, and each rule fails when shown
 * a small tree that breaks it, so a rule that silently stopped matching would be noticed.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A graph of in-memory files: path → source. */
const tree = (files: Record<string, string>) => buildGraph(new Map(Object.entries(files)));
const messages = (vs: { message: string }[]) => vs.map((v) => v.message);

describe('the real tree', () => {
  const graph = buildGraph(readTree(ROOT, PACKAGES));

  it('is read whole: the compiler entry is seen importing its phases', () => {
    expect(graph.files.length).toBeGreaterThan(300);
    expect(graph.edges.some((e) => e.from === 'compiler/index.ts' && e.to.startsWith('compiler/phases/'))).toBe(true);
  });

  it('crosses packages only through their entries, has no cycle and no import pointing backwards', () => {
    expect(messages(checkAll(graph))).toEqual([]);
  });
});

describe('reading imports', () => {
  it('finds static, multi-line, re-exported, bare and dynamic imports with their lines', () => {
    const src = [
      "import { a } from './a.ts';",
      'import {',
      '  b,',
      '  c,',
      "} from './bc.ts';",
      "export { d } from './d.ts';",
      "export * from './e.ts';",
      "import './side.ts';",
      "const f = await import('./f.ts');",
    ].join('\n');
    expect(importsOf(src).map((r) => [r.spec, r.line])).toEqual([
      ['./a.ts', 1],
      ['./bc.ts', 2],
      ['./d.ts', 6],
      ['./e.ts', 7],
      ['./side.ts', 8],
      ['./f.ts', 9],
    ]);
  });

  it('tells erased imports from ones that still run the module', () => {
    const src = [
      "import type { A } from './a.ts';",
      "export type { B } from './b.ts';",
      "import { type C } from './c.ts';",
      "let d: import('./d.ts').D;",
      "let e: typeof import('./e.ts');",
      "import('./f.ts').then(() => {});",
    ].join('\n');
    expect(importsOf(src).map((r) => [r.spec, r.typeOnly])).toEqual([
      ['./a.ts', true],
      ['./b.ts', true],
      ['./c.ts', false],
      ['./d.ts', true],
      ['./e.ts', true],
      ['./f.ts', false],
    ]);
  });

  it('ignores imports inside comments and strings', () => {
    const src = [
      "// import { x } from './commented.ts';",
      ' * import { y } from "./in-a-doc-comment.ts";',
      'const code = \'import { z } from "./in-a-string.ts"\';',
      'const lazy = "await import(\'./in-a-string-too.ts\')";',
    ].join('\n');
    expect(importsOf(src)).toEqual([]);
  });

  it('resolves extensionless specifiers and folder indexes, and reports a relative import that names no file', () => {
    const graph = tree({
      'server/a.ts': "import { b } from './b';\nimport { c } from './c';\nimport { d } from './missing.ts';",
      'server/b.ts': '',
      'server/c/index.ts': '',
    });
    expect(graph.edges.map((e) => e.to)).toEqual(['server/b.ts', 'server/c/index.ts']);
    expect(messages(checkAll(graph))).toEqual([
      'server/a.ts:3 imports ./missing.ts, which is no file of the repository',
    ]);
  });
});

describe('entries', () => {
  it('fails when the builder imports a compiler phase instead of compiler/browser.ts', () => {
    const graph = tree({
      'builder/a.ts': "import { parse } from '../compiler/phases/1-parse/index.ts';",
      'builder/b.ts': "import { check } from '../compiler/browser.ts';",
      'compiler/phases/1-parse/index.ts': '',
      'compiler/browser.ts': '',
    });
    expect(messages(checkEntries(graph))).toEqual([
      'builder/a.ts:1 imports compiler/phases/1-parse/index.ts: compiler/ is entered only through compiler/index.ts, compiler/browser.ts, compiler/contract.ts',
    ]);
  });

  it('fails when the server imports the web client file rather than rest/index.ts', () => {
    const graph = tree({
      'server/console/api.ts': "import { createClient } from '../../rest/client.ts';",
      'rest/client.ts': '',
    });
    expect(messages(checkEntries(graph))).toEqual([
      'server/console/api.ts:1 imports rest/client.ts: rest/ is entered only through rest/index.ts',
    ]);
  });

  it("lets only tests use the runtime's harness, and nothing else of the runtime", () => {
    const graph = tree({
      'builder/model/x.test.ts': "import { drive } from '../../runtime/test/drive.ts';",
      'builder/model/y.test.ts': "import { leaves } from '../../runtime/machine.ts';",
      'builder/model/z.ts': "import { drive } from '../../runtime/test/drive.ts';",
      'runtime/test/drive.ts': '',
      'runtime/machine.ts': '',
    });
    expect(messages(checkEntries(graph))).toEqual([
      'builder/model/y.test.ts:1 imports runtime/machine.ts: runtime/ is entered only through runtime/test/drive.ts, runtime/test/machine-from-scenario.ts, runtime/expr-helpers.ts, runtime/storage/storage.contract.ts, runtime/test/storage-subjects.ts, runtime/results.ts',
      'builder/model/z.ts:1 imports runtime/test/drive.ts: runtime/ is entered only through nothing (for this file)',
    ]);
  });
});

describe("the runtime's imports", () => {
  it('fails on a value import from the compiler, even written as import { type … }', () => {
    const graph = tree({
      'runtime/a.ts': "import type { Spec } from '../compiler/contract.ts';",
      'runtime/b.ts': "import { NODE_KINDS } from '../compiler/contract.ts';",
      'runtime/c.ts': "import { type Spec } from '../compiler/contract.ts';",
      'runtime/test/compile.ts': "import { compile } from '../../compiler/index.ts';",
      'compiler/contract.ts': '',
      'compiler/index.ts': '',
    });
    expect(messages(checkRuntimeImports(graph))).toEqual([
      'runtime/b.ts:1 imports compiler/contract.ts: the runtime takes only types from the compiler (import type)',
      'runtime/c.ts:1 imports compiler/contract.ts: the runtime takes only types from the compiler (import type)',
    ]);
  });

  it('fails when the runtime imports the server or the builder, types included', () => {
    const graph = tree({
      'runtime/a.ts': "import type { Handoff } from '../server/handoff/types.ts';",
      'runtime/b.ts': "import { TEMPLATES } from '../builder/model/templates.ts';",
      'server/handoff/types.ts': '',
      'builder/model/templates.ts': '',
    });
    expect(messages(checkRuntimeImports(graph))).toEqual([
      'runtime/a.ts:1 imports server/handoff/types.ts: the runtime never imports server/',
      'runtime/b.ts:1 imports builder/model/templates.ts: the runtime never imports builder/',
    ]);
  });
});

describe('cycles', () => {
  it('fails on two files importing each other, even for types only', () => {
    const graph = tree({
      'runtime/link.ts': "import type { Env } from './types.ts';",
      'runtime/types.ts': "import type { ServerLink } from './link.ts';",
    });
    expect(messages(checkCycles(graph))).toEqual(['import cycle between runtime/link.ts, runtime/types.ts']);
  });

  it('names every file of a longer cycle once, and a file importing itself', () => {
    const graph = tree({
      'server/a.ts': "import './b.ts';",
      'server/b.ts': "import './c.ts';\nimport './d.ts';",
      'server/c.ts': "import './a.ts';",
      'server/d.ts': '',
      'server/e.ts': "import './e.ts';",
    });
    expect(messages(checkCycles(graph)).sort()).toEqual([
      'import cycle between server/a.ts, server/b.ts, server/c.ts',
      'import cycle between server/e.ts',
    ]);
  });

  it('passes a diamond, which shares a file without a cycle', () => {
    const graph = tree({
      'server/a.ts': "import './b.ts';\nimport './c.ts';",
      'server/b.ts': "import './d.ts';",
      'server/c.ts': "import './d.ts';",
      'server/d.ts': '',
    });
    expect(checkCycles(graph)).toEqual([]);
  });
});

describe('order', () => {
  it('fails when the compiler imports the runtime, or the server imports the builder', () => {
    const graph = tree({
      'compiler/phases/4-emit/a.ts': "import { boot } from '../../../runtime/boot.ts';",
      'server/a.ts': "import { TEMPLATES } from '../builder/model/templates.ts';",
      'server/b.ts': "import { compile } from '../compiler/index.ts';",
      'runtime/boot.ts': '',
      'builder/model/templates.ts': '',
      'compiler/index.ts': '',
    });
    expect(messages(checkOrder(graph))).toEqual([
      'compiler/phases/4-emit/a.ts:1 imports runtime/boot.ts: compiler/ may import nothing of ours',
      'server/a.ts:1 imports builder/model/templates.ts: server/ may import only compiler, runtime, rest',
    ]);
  });

  it('fails when a compiler phase imports a later one, or a shared module imports a phase', () => {
    const graph = tree({
      'compiler/phases/2-analyze/a.ts': "import { lower } from '../3-lower/index.ts';",
      'compiler/phases/3-lower/index.ts': "import { parse } from '../1-parse/index.ts';",
      'compiler/phases/1-parse/index.ts': "import { d } from '../../diagnostics/catalogue.ts';",
      'compiler/diagnostics/catalogue.ts': "import type { Lowered } from '../phases/3-lower/index.ts';",
      'compiler/index.ts': "import { emit } from './phases/4-emit/index.ts';",
      'compiler/phases/4-emit/index.ts': '',
    });
    expect(messages(checkOrder(graph))).toEqual([
      'compiler/phases/2-analyze/a.ts:1 imports compiler/phases/3-lower/index.ts: phase 2 imports the later phase 3',
      'compiler/diagnostics/catalogue.ts:1 imports compiler/phases/3-lower/index.ts: a shared compiler module imports no phase (phase 3)',
    ]);
  });

  it("lets a compiler test run the runtime, since tests are no part of the compiler's output", () => {
    const graph = tree({
      'compiler/expr/expr.test.ts': "import * as helpers from '../../runtime/expr-helpers.ts';",
      'runtime/expr-helpers.ts': '',
    });
    expect(checkOrder(graph)).toEqual([]);
    expect(checkEntries(graph)).toEqual([]);
  });
});
