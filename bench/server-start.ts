/**
 * How long `npm start` takes to be ready (GET /healthz answers 200) on a clean clone: a `git clone` of HEAD into a
 * temp folder with node_modules linked from this work tree (a symlink: an install would only measure npm).
 * - first start: no dist/ and no data yet, so it builds the browser assets and creates the database;
 * - second start, same folder and data: the assets are current, nothing is built.
 * The build's own time is read from the one line the server logs about it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../server/test/child-server.ts';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchResult } from './types.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTS ?? 3);

interface Start {
  readyMs: number;
  /** The asset build's time as the server logged it; null when it built nothing. */
  buildMs: number | null;
}

type Row = {
  run: number;
  first: Start;
  second: Start;
  load: number;
};

export async function benchServerStart(): Promise<BenchResult> {
  const rows: Row[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const dir = await mkdtemp(join(tmpdir(), 'chatlet-start-bench-'));
    try {
      await promisify(execFile)('git', ['clone', '--quiet', REPO, dir]);
      await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const load = loadavg()[0];
      const first = await timeStart(dir);
      const second = await timeStart(dir);
      rows.push({ run, first, second, load });
      console.log(
        `run ${run}: first ${Math.round(first.readyMs)} ms (build ${first.buildMs} ms), second ${Math.round(second.readyMs)} ms`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const firsts = rows.map((r) => r.first.readyMs);
  const seconds = rows.map((r) => r.second.readyMs);
  const builds = rows.map((r) => r.first.buildMs ?? NaN);
  const summary = {
    runs: RUNS,
    firstMedianMs: median(firsts),
    secondMedianMs: median(seconds),
    buildMedianMs: median(builds),
  };
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const missed = rows.some((r) => r.second.buildMs !== null)
    ? ['npm start built the assets again on a second start with nothing changed']
    : [];
  if (rows.some((r) => r.first.buildMs === null)) missed.push('npm start did not build the assets on a clean clone');
  return {
    name: 'server-start',
    title: '`npm start` on a clean clone, to ready',
    rows,
    summary,
    markdown: [
      '| start | median s | min–max s | of which building the browser assets, median s |',
      '|---|---:|---:|---:|',
      `| first (no dist/, no data: builds the assets, creates the database) | ${s(summary.firstMedianMs)} | ${s(Math.min(...firsts))}–${s(Math.max(...firsts))} | ${s(summary.buildMedianMs)} |`,
      `| second (same folder and data: assets current) | ${s(summary.secondMedianMs)} | ${s(Math.min(...seconds))}–${s(Math.max(...seconds))} | — |`,
      '',
      `- ${RUNS} runs, each on a fresh \`git clone\` of HEAD with node_modules linked (a symlink) from the work tree; from spawning \`npm start\` to \`GET /healthz\` answering 200, polled every 50 ms.`,
      `- 1-minute load average at the runs: ${rows.map((r) => r.load.toFixed(1)).join(', ')}; on 2 cores, figures at a load far above 2 are slower by about that factor.`,
    ].join('\n'),
    missed,
  };
}

/** `npm start` in `dir` until /healthz answers 200, then SIGTERM to its process group and wait for it to exit. */
async function timeStart(dir: string): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...cleanEnv(), PORT: String(port), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info' },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 600_000)
        throw new Error(`npm start was not ready within 10 minutes:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const readyMs = performance.now() - started;
    const built = /"ms":(\d+)[^\n]*built the browser assets/.exec(output);
    return { readyMs, buildMs: built ? Number(built[1]) : null };
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  const timeout = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timeout);
}

/** This shell's environment without what npm and the e2e runs set (they name this work tree, not the clone). */
function cleanEnv(): NodeJS.ProcessEnv {
  const drop = /^(npm_|INIT_CWD$|PORT$|DATA_DIR$|ASSETS_DIR$|DATABASE_URL$|PUBLIC_URL$|CHATLET_|LOG_LEVEL$)/;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !drop.test(key)));
}
