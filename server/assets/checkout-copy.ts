import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { CHECKOUT } from './ensure-assets.ts';

/**
 * For tests: a copy of this work tree as it is now (tracked and untracked files, not ignored ones such as dist/
 * and data/), with node_modules linked. Others edit the shared tree while tests run; a copy holds still.
 */
export async function copyCheckout(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'chatlet-checkout-'));
  const { stdout } = await promisify(execFile)('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: CHECKOUT,
    maxBuffer: 16 << 20,
  });
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    // A file listed but deleted meanwhile (git's index lags the tree) is simply not copied.
    await cp(join(CHECKOUT, file), join(root, file)).catch(() => undefined);
  }
  await symlink(join(CHECKOUT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}
