import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, lockDataDir } from './data-dir-lock.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'chatlet-lock-'));
  dirs.push(d);
  return d;
};

/** Starts `sh` that forks a child which exits at once and is never reaped; resolves with that zombie's pid. */
async function zombie(): Promise<{ pid: number; stop(): void }> {
  const sh = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = await new Promise<number>((resolve) => sh.stdout.once('data', (b) => resolve(Number(String(b).trim()))));
  // Give the child time to exit; `sleep 30` is now its parent and never waits for it.
  for (let i = 0; i < 50 && !/\) Z /.test(safeStat(pid)); i++) await new Promise((r) => setTimeout(r, 20));
  return { pid, stop: () => sh.kill('SIGKILL') };
}
const safeStat = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
};

describe('DATA_DIR lock', () => {
  it('refuses a second holder while the first process is alive, and frees the directory on release', () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/in use by this process/);
    release();
    expect(existsSync(join(dir, 'chatlet.pid'))).toBe(false);
    lockDataDir(dir)();
  });

  it('refuses a directory another running process holds', async () => {
    const dir = dataDir();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'chatlet.pid'), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(`DATA_DIR ${dir} is in use by process ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it.runIf(process.platform === 'linux')(
    'takes over from a killed holder that is not reaped yet (a zombie holds nothing)',
    async () => {
      const dir = dataDir();
      const z = await zombie();
      try {
        expect(safeStat(z.pid)).toMatch(/\) Z /);
        expect(isAlive(z.pid)).toBe(false);
        writeFileSync(join(dir, 'chatlet.pid'), String(z.pid));
        const release = lockDataDir(dir);
        expect(readFileSync(join(dir, 'chatlet.pid'), 'utf8')).toBe(String(process.pid));
        release();
      } finally {
        z.stop();
      }
    },
  );
});
