import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../store/data-dir-lock.ts';

const held = new Set<string>();

/**
 * Waits until this process alone builds into `dir`, so servers started together build once, not once each.
 * It saves work; readers' safety does not rest on it (every build is written aside and renamed into place).
 * A lock whose process is gone is taken over. Resolves with the release function.
 */
export async function lockBuild(dir: string, options: { waitMs?: number; pollMs?: number } = {}): Promise<() => void> {
  const path = join(dir, '.build.lock');
  const deadline = Date.now() + (options.waitMs ?? 300_000);
  for (;;) {
    if (!held.has(path)) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        held.add(path);
        return () => release(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (isStale(path)) {
          unlinkSync(path);
          continue;
        }
      }
    }
    if (Date.now() > deadline) throw new Error(`${path} is still held by process ${holder(path) ?? '?'}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

function release(path: string): void {
  held.delete(path);
  try {
    if (holder(path) === process.pid) unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

function holder(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A lock is stale when its process is gone, or names this process without this process holding it (a container
 * restarted with the same pid). An empty one is being written, unless it has been empty for seconds.
 */
function isStale(path: string): boolean {
  const pid = holder(path);
  if (pid === undefined) {
    try {
      return Date.now() - statSync(path).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
  return pid === process.pid ? !held.has(path) : !isAlive(pid);
}
