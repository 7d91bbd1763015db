import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version as esbuildVersion } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Everything that shapes a bundle's bytes: the compiler, the runtime it bundles, and esbuild.
const SOURCE_DIRS = ['compiler', 'runtime'];
const SOURCE_FILE = /\.(ts|tsx|js|mjs|json|css)$/;

/**
 * A hash of the code that turns a scenario into a bundle. It is part of every compile cache key,
 * so deploying a new compiler recompiles (and the demo bot republishes) instead of serving stale output.
 */
export async function compilerFingerprint(root = ROOT): Promise<string> {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\n`);
  for (const dir of SOURCE_DIRS) {
    for (const file of await listFiles(join(root, dir))) {
      if (file.includes('.test.') || file.includes('.spec.')) continue;
      hash.update(`${relative(root, file)}\n`).update(await readFile(file)).update('\n');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...(await listFiles(path)));
    else if (entry.isFile() && SOURCE_FILE.test(entry.name)) files.push(path);
  }
  return files;
}
