import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The packages a file pulls in at run time, following the project's own files (not test files). */
async function packagesImportedBy(entries: string[]): Promise<string[]> {
  const result = await build({
    entryPoints: entries.map((e) => ROOT + e),
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: '/tmp/unused',
    metafile: true,
    logLevel: 'silent',
  });
  const names = new Set<string>();
  for (const input of Object.values(result.metafile.inputs))
    for (const i of input.imports)
      if (i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path))
        names.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]!);
  return [...names].sort();
}

describe('npm start on an install without devDependencies', () => {
  it('finds every package the server and its asset build import among the dependencies', async () => {
    // rollup.config.mjs is imported by path when npm start builds the browser assets.
    const used = await packagesImportedBy(['server/main.ts', 'rollup.config.mjs']);
    expect(used).toContain('rollup');
    expect(used).toContain('express');
    expect(used.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });
});
