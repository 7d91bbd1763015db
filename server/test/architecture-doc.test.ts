import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTree } from './architecture/imports.ts';
import { namedPaths, nodeTypeFiles } from './architecture/doc-paths.ts';
import { ENTRIES } from './architecture/rules.ts';

/**
 * docs/architecture.md stays true: every file it names exists, its list of files for a new node type
 * is the list an existing type really has, and the entries it describes are the ones the
 * architecture test enforces.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOC = readFileSync(`${ROOT}docs/architecture.md`, 'utf8');
const missing = (paths: string[]) => paths.filter((p) => !existsSync(`${ROOT}${p}`));

describe('docs/architecture.md', () => {
  it('names only files and folders that exist', () => {
    const paths = namedPaths(DOC, 'wait');
    expect(paths.length).toBeGreaterThan(30);
    expect(missing(paths)).toEqual([]);
  });

  it("lists, for adding a node type, exactly the per-type files the 'wait' node has", () => {
    const listed = nodeTypeFiles(DOC, 'wait');
    const tree = [...readTree(ROOT, ['compiler', 'runtime', 'builder', 'docs']).keys()];
    const perType = tree.filter((p) => /\/wait\.tsx?$/.test(p) && !p.includes('/samples/'));
    expect(perType.length).toBeGreaterThan(3);
    expect(perType.filter((p) => !listed.includes(p))).toEqual([]);
    expect(missing(listed)).toEqual([]);
  });

  it('describes every entry the architecture test lets other packages import', () => {
    const entries = Object.values(ENTRIES).flatMap((e) => [...e.files, ...(e.testFiles ?? [])]);
    expect(entries.filter((e) => !DOC.includes(`\`${e}\``))).toEqual([]);
  });
});

describe('reading the paths a page names', () => {
  it('takes code spans under a repository folder and relative links, and finds a path that is not there', () => {
    const page = [
      'See `compiler/phases/1-parse/nodes/<type>.ts`, `runtime/nope.ts`, `npm test` and `/api/v1/bots`;',
      'also [the format](scenario-format.md#nodes) and [Svelte](https://svelte.dev).',
      '<!-- node-type-files: start -->',
      '1. `runtime/nodes/<type>.ts`',
      '<!-- node-type-files: end -->',
    ].join('\n');
    expect(namedPaths(page, 'wait')).toEqual([
      'compiler/phases/1-parse/nodes/wait.ts',
      'docs/scenario-format.md',
      'runtime/nodes/wait.ts',
      'runtime/nope.ts',
    ]);
    expect(nodeTypeFiles(page, 'wait')).toEqual(['runtime/nodes/wait.ts']);
    expect(missing(namedPaths(page, 'wait'))).toEqual(['runtime/nope.ts']);
  });
});
