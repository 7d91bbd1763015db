/**
 * How long an author waits on "Publish" for a 200-node scenario, through the real HTTP API and store (PGlite):
 * - cold: the draft was never compiled, so the publish compiles it (esbuild included), precompresses and stores;
 * - after a save: saving the draft already compiled it (the builder autosaves), so the publish reuses that.
 * Every publish has distinct content, so nothing is served from an earlier run's cache.
 */
import { performance } from 'node:perf_hooks';
import { createServer } from '../server/app.ts';
import { makeDataDir } from '../server/test/temp-data-dir.ts';
import { generateScenario } from './generate-scenario.ts';
import type { BenchResult } from './types.ts';

const NODES = 200;
const RUNS = Number(process.env.BENCH_PUBLISHES ?? 15);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A 200-node scenario made distinct by `n` (its first message), so each one compiles anew. */
function distinct(n: number): Record<string, unknown> {
  const scenario = generateScenario(NODES);
  const nodes = scenario.nodes as Record<string, unknown>[];
  nodes[0] = { ...nodes[0], text: `Welcome, run ${n} at ${Date.now()}.` };
  return scenario;
}

export async function benchServerPublish(): Promise<BenchResult> {
  const data = await makeDataDir();
  const server = createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: data.dir,
    adminToken: 'bench',
    logLevel: 'silent',
    demoDir: null,
    bodyLimitBytes: 8 * 1024 * 1024,
    bundleCacheTtlMs: 5_000,
    shutdownGraceMs: 1_000,
    rateLimits: 'off',
    jobs: { pollMs: 60_000, maintenanceSeconds: 3_600 },
  });
  const { port } = await server.listen();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { store } = server.running;
  const cold: number[] = [];
  const warm: number[] = [];
  const save: number[] = [];
  let nodes = 0;
  try {
    const bot = await call('POST', '/bots', { name: 'Publish bench', scenario: distinct(-1) });
    await call('POST', `/bots/${bot.id}/publish`); // warm up the compiler and esbuild
    for (let i = 0; i < RUNS; i++) {
      // Cold: put the draft in place without compiling it, as if it came from elsewhere.
      const scenario = distinct(i);
      nodes = (scenario.nodes as unknown[]).length;
      await store.saveDraft('o_default', bot.id, { scenario, diagnostics: [] });
      let start = performance.now();
      await call('POST', `/bots/${bot.id}/publish`);
      cold.push(performance.now() - start);

      start = performance.now();
      await call('PUT', `/bots/${bot.id}/scenario`, distinct(RUNS + i));
      save.push(performance.now() - start);
      start = performance.now();
      await call('POST', `/bots/${bot.id}/publish`);
      warm.push(performance.now() - start);
    }
  } finally {
    await server.close();
    await data.remove();
  }

  const row = (what: string, times: number[]) => ({
    what,
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  });
  const rows = [
    row('publish, draft not compiled yet (compile + store)', cold),
    row('save draft (compiles it)', save),
    row('publish right after a save (compile cached)', warm),
  ];
  const table = [
    '| step | median ms | p95 ms | min–max ms |',
    '|---|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${Math.round(r.medianMs)} | ${Math.round(r.p95Ms)} | ${Math.round(r.minMs)}–${Math.round(r.maxMs)} |`,
    ),
  ];
  return {
    name: 'server-publish',
    title: 'Publishing a 200-node scenario',
    rows,
    summary: { nodes, runs: RUNS },
    markdown: [
      ...table,
      '',
      `- ${RUNS} publishes of a generated ${nodes}-node scenario (bench/generate-scenario.ts), each with distinct content, through the HTTP API on PGlite; times are what the client waits, end to end.`,
      '- The builder saves drafts as the author edits, so a publish usually finds the compile done and only stores the version.',
    ].join('\n'),
    missed: [],
  };
}
