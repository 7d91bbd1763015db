import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An exclusive claim on DATA_DIR by this process. Two processes writing one PGlite directory corrupt it
 * (PGlite itself takes no lock), so a second server on the same DATA_DIR must refuse to start.
 * A lock left by a killed process (its pid is gone) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'chatlet.pid');
  // A file naming our own pid is stale (a container restarts with the same pid) unless this process holds it.
  if (heldHere.has(path)) throw new Error(`DATA_DIR ${dataDir} is in use by this process`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(`DATA_DIR ${dataDir} is in use by process ${holder}`);
      }
      unlinkSync(path);
    }
  }
  throw new Error(`could not lock DATA_DIR ${dataDir}`);
}

const heldHere = new Set<string>();

/** Whether `pid` is a running process. A zombie (killed, not yet reaped by its parent) holds nothing and counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: /proc/<pid>/stat is "pid (name) S ...", S being the state; Z is a zombie.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (not Linux), or it went away just now: trust the signal check.
    return true;
  }
}
