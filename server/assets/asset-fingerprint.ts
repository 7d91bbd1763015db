import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listSourceFiles } from '../source-files.ts';

/**
 * Folders whose files can feed the browser assets' build: the builder (which bundles the compiler's checks),
 * the manager console, and the runtime (the JS-API stub and what it imports). A test checks that every
 * file Rollup reads is in here or in node_modules (which package-lock.json stands for).
 */
export const SOURCE_DIRS = ['builder', 'server/console', 'runtime', 'compiler', 'rest'];

/** The build's settings: Rollup's options, the dependencies' exact versions, and the tsconfig esbuild reads. */
export const SETTINGS_FILES = ['rollup.config.mjs', 'package-lock.json', 'tsconfig.json'];

const SOURCE_FILE = /\.(ts|tsx|js|mjs|json|css|html)$/;
/** Tests and their fixtures and samples never reach a shipped file. */
const TEST_FILE = /\.(test|spec)\.|(^|\/)(test|e2e|fixtures|samples)\//;

/**
 * Every file the fingerprint covers, relative to `root` and sorted: the settings files, `extraFiles` (the
 * files rollup.config.mjs names, such as Drawflow's stylesheet in node_modules) and the sources under SOURCE_DIRS.
 */
export async function assetSources(root: string, extraFiles: string[] = []): Promise<string[]> {
  const files = new Set([...SETTINGS_FILES, ...extraFiles]);
  for (const dir of SOURCE_DIRS) {
    for (const file of await listSourceFiles(root, dir, SOURCE_FILE, TEST_FILE)) files.add(file);
  }
  return [...files].sort();
}

/**
 * A hash of the files that shape the browser assets, paths and contents both (modification times do not
 * count: a checkout rewrites them). It is the stamp of a build: a dist/ with another one is stale.
 */
export async function assetFingerprint(root: string, extraFiles: string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await assetSources(root, extraFiles)) {
    // A missing file counts too: deleting a source changes what gets built.
    const content = await readFile(join(root, file)).catch(() => 'missing');
    hash.update(`${file}\n`).update(content).update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}
