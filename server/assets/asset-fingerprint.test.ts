import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assetFingerprint, assetSources } from './asset-fingerprint.ts';

/** A checkout in miniature: one file of each kind the fingerprint must, or must not, follow. */
const TREE: Record<string, string> = {
  'rollup.config.mjs': 'export const entries = [];',
  'package-lock.json': '{"packages": {"node_modules/rollup": {"version": "4.67.4"}}}',
  'tsconfig.json': '{"compilerOptions": {"jsx": "react"}}',
  'builder/main.tsx': 'render(<App />);',
  'builder/builder.css': '.canvas { color: red }',
  'builder/preview/frame.html': '<!doctype html>',
  'builder/main.test.ts': 'it("works")',
  'server/console/main.tsx': 'render(<Console />);',
  'server/console/console.test.ts': 'it("works")',
  'runtime/stub.ts': 'window.Chatlet ||= [];',
  'runtime/test/helpers.ts': 'export const x = 1;',
  'compiler/check.ts': 'export function check() {}',
  'compiler/samples/valid/demo.json': '{}',
  'node_modules/drawflow/dist/drawflow.min.css': '.drawflow {}',
  'server/app.ts': 'createServer();',
  'README.md': '# Chatlet',
  'docs/operations.md': 'npm start',
};
const DRAWFLOW_CSS = 'node_modules/drawflow/dist/drawflow.min.css';

describe('the browser assets fingerprint', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'chatlet-fingerprint-'));
    for (const [file, text] of Object.entries(TREE)) await put(file, text);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function put(file: string, text: string): Promise<void> {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  }
  const fingerprint = () => assetFingerprint(root, [DRAWFLOW_CSS]);

  it('covers the sources, the settings and the files the config names, and leaves out tests and the rest', async () => {
    expect(await assetSources(root, [DRAWFLOW_CSS])).toEqual([
      'builder/builder.css',
      'builder/main.tsx',
      'builder/preview/frame.html',
      'compiler/check.ts',
      DRAWFLOW_CSS,
      'package-lock.json',
      'rollup.config.mjs',
      'runtime/stub.ts',
      'server/console/main.tsx',
      'tsconfig.json',
    ]);
  });

  it.each([
    ['a builder source', 'builder/main.tsx'],
    ['the builder stylesheet', 'builder/builder.css'],
    ['the preview page', 'builder/preview/frame.html'],
    ['a console source', 'server/console/main.tsx'],
    ['the stub', 'runtime/stub.ts'],
    ['a compiler source the builder bundles', 'compiler/check.ts'],
    ["Drawflow's stylesheet, which the config joins in", DRAWFLOW_CSS],
    ['the Rollup config', 'rollup.config.mjs'],
    ['a dependency version', 'package-lock.json'],
    ['the tsconfig esbuild reads', 'tsconfig.json'],
  ])('changes when %s changes', async (_what, file) => {
    const before = await fingerprint();
    await put(file, `${TREE[file]} `);
    expect(await fingerprint()).not.toBe(before);
  });

  it('changes when a source is added, deleted or renamed', async () => {
    const before = await fingerprint();
    await put('builder/panels/new-panel.tsx', 'export {}');
    const added = await fingerprint();
    expect(added).not.toBe(before);
    await rm(join(root, 'builder/panels/new-panel.tsx'));
    expect(await fingerprint()).toBe(before);
    await rm(join(root, 'runtime/stub.ts'));
    await put('runtime/stub2.ts', TREE['runtime/stub.ts']);
    expect(await fingerprint()).not.toBe(before);
  });

  it('stays the same for tests, samples, other server code, docs and file times', async () => {
    const before = await fingerprint();
    await put('builder/main.test.ts', 'it("changed")');
    await put('server/console/console.test.ts', 'it("changed")');
    await put('runtime/test/helpers.ts', 'export const x = 2;');
    await put('compiler/samples/valid/demo.json', '{"changed": true}');
    await put('server/app.ts', 'createServer({ changed: true });');
    await put('README.md', '# Changed');
    await put('docs/operations.md', 'changed');
    await utimes(join(root, 'builder/main.tsx'), new Date(0), new Date(0));
    expect(await fingerprint()).toBe(before);
  });
});
