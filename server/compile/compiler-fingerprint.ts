import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version as esbuildVersion } from 'esbuild';
import { listSourceFiles } from '../source-files.ts';

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
    for (const file of await listSourceFiles(root, dir, SOURCE_FILE, /\.(test|spec)\./)) {
      hash
        .update(`${file}\n`)
        .update(await readFile(join(root, file)))
        .update('\n');
    }
  }
  return hash.digest('hex').slice(0, 16);
}
