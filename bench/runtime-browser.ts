/**
 * Shared by the runtime benchmarks: a static site on 127.0.0.1 (gzip like a real host), bot
 * bundles compiled exactly as the server publishes them, and Debian's Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

/** A quiet browser on a closed network: no background updates or sync, so timings are the page's own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface SiteFile {
  type: string;
  body: string | Buffer;
}

export interface Site {
  origin: string;
  close(): Promise<void>;
}

/** Serves `files` by path on 127.0.0.1, gzipped when the browser asks; anything else is a JSON 404. */
export async function serveSite(files: Record<string, SiteFile>): Promise<Site> {
  const zipped = new Map<string, Buffer>();
  for (const [path, f] of Object.entries(files)) zipped.set(path, gzipSync(f.body, { level: 9 }));
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (!file) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"not_found"}}');
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': file.type,
      'cache-control': 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? zipped.get(path) : file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Chromium through Playwright, for benchmarks that drive a page. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS.filter((f) => f !== '--headless') });
}

/** Chromium with a DevTools port, for Lighthouse; resolves with the port once it listens. */
export async function launchDebuggableChromium(): Promise<{ port: number; kill(): Promise<void> }> {
  if (!CHROMIUM) throw new Error('Lighthouse needs /usr/bin/chromium');
  const profile = mkdtempSync(join(tmpdir(), 'chatlet-lh-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group, so that killing it takes its renderer and helper processes along.
      detached: true,
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port:\n${seen}`)), 30_000);
    child.stderr!.on('data', (chunk) => {
      seen += chunk;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (m) (clearTimeout(timer), resolve(Number(m[1])));
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${seen}`)));
  });
  return {
    port,
    async kill() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // A helper process still writing: the OS cleans /tmp; the next audit has its own profile.
      }
    },
  };
}

/** Median, and the value below which `p` of the samples fall. */
export function stats(samples: number[]): { median: number; p90: number; min: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, p90: at(0.9), min: s[0], max: s[s.length - 1], n: s.length };
}

export const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
