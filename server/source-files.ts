import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * The files under `root`/`dir` whose names match `name`, as sorted paths relative to `root` with forward
 * slashes, leaving out node_modules and paths that match `skip`. Both fingerprints (the compiler's, which keys
 * the compile cache, and the browser assets', which stamps dist/) hash what this lists.
 */
export async function listSourceFiles(root: string, dir: string, name: RegExp, skip?: RegExp): Promise<string[]> {
  const files: string[] = [];
  const walk = async (at: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry.name);
      const rel = relative(root, path).split('\\').join('/');
      if (entry.isDirectory() && entry.name !== 'node_modules') await walk(path);
      else if (entry.isFile() && name.test(entry.name) && !skip?.test(rel)) files.push(rel);
    }
  };
  await walk(join(root, dir));
  return files.sort();
}
