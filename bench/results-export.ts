/**
 * The owner's results over 100,000 results: the CSV export (time to its first byte, whole download, and how much the
 * server's memory grows while it streams) and analytics (one request's time), and a first page of the table.
 * Targets: first CSV byte < 200 ms, server memory growth < 50 MiB, analytics < 300 ms.
 * On PostgreSQL the server runs as `npm start` does, in its own process, so its RSS is its own; on the embedded store
 * (PGlite, in the server's process) the times are measured too, memory is not (it is the database's as well).
 */
import pg from 'pg';
import { bulkResults, resultsScenario } from '../server/results/results-fixture.ts';
import { freePort, startChildServer } from '../server/test/child-server.ts';
import { findPostgresBin, startPostgres } from '../server/test/postgres-server.ts';
import { makeDataDir } from '../server/test/temp-data-dir.ts';
import { startTestServer } from '../server/test/test-server.ts';
import type { StoreDriver } from '../server/store/types.ts';
import { processRssMiB, serverPid } from './server-process.ts';
import type { BenchResult } from './types.ts';

const RESULTS = Number(process.env.BENCH_RESULTS_COUNT ?? 100_000);
const RUNS = 3;
const TARGET = { firstByteMs: 200, growthMiB: 50, analyticsMs: 300 };

type Row = {
  store: 'postgres' | 'pglite';
  results: number;
  csvFirstByteMs: number;
  csvTotalMs: number;
  csvMiB: number;
  /** Peak server RSS during an export minus RSS before it (PostgreSQL only). */
  rssGrowthMiB: number | null;
  analyticsMs: number;
  firstPageMs: number;
};

/** Calls the API as the admin. */
type Api = (path: string, init?: RequestInit) => Promise<Response>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A bot collecting email and note with an A/B split, and RESULTS results written straight into the table. */
async function seed(api: Api, insert: (botId: string) => Promise<void>): Promise<string> {
  const res = await api('/bots', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Leads', scenario: resultsScenario() }),
  });
  if (res.status !== 201) throw new Error(`creating the bot answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  await insert(id);
  return id;
}

/** One CSV download read at full speed: ms to the first body byte, ms to the end, size, and the peak RSS seen. */
async function download(api: Api, botId: string, pid: number | null) {
  const before = pid ? processRssMiB(pid) : 0;
  let peak = before;
  const sampler = pid ? setInterval(() => (peak = Math.max(peak, processRssMiB(pid))), 10) : undefined;
  const start = performance.now();
  const res = await api(`/bots/${botId}/results?format=csv`);
  const reader = res.body!.getReader();
  let first = 0;
  let bytes = 0;
  let lines = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (!first) first = performance.now() - start;
    bytes += chunk.value.length;
    for (const b of chunk.value) if (b === 10) lines++;
  }
  const total = performance.now() - start;
  clearInterval(sampler);
  if (pid) peak = Math.max(peak, processRssMiB(pid));
  if (lines !== RESULTS + 1) throw new Error(`the CSV had ${lines} lines, not ${RESULTS + 1}`);
  return { first, total, mib: bytes / 2 ** 20, growth: peak - before };
}

async function timed(api: Api, path: string): Promise<number> {
  const start = performance.now();
  const res = await api(path);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return performance.now() - start;
}

async function measure(store: Row['store'], api: Api, botId: string, pid: number | null): Promise<Row> {
  // Warm: the first request of a process pays for compiling the statements and loading pages.
  await timed(api, `/bots/${botId}/analytics`);
  await timed(api, `/bots/${botId}/results?limit=50`);
  const csv = [];
  for (let i = 0; i < RUNS; i++) csv.push(await download(api, botId, pid));
  const analytics = [];
  for (let i = 0; i < 5; i++) analytics.push(await timed(api, `/bots/${botId}/analytics`));
  const page = [];
  for (let i = 0; i < 5; i++) page.push(await timed(api, `/bots/${botId}/results?limit=50&completed=false`));
  const row: Row = {
    store,
    results: RESULTS,
    csvFirstByteMs: round(median(csv.map((c) => c.first))),
    csvTotalMs: Math.round(median(csv.map((c) => c.total))),
    csvMiB: round(csv[0].mib),
    rssGrowthMiB: pid ? round(Math.max(...csv.map((c) => c.growth))) : null,
    analyticsMs: round(median(analytics)),
    firstPageMs: round(median(page)),
  };
  console.log(`  ${store}: ${JSON.stringify(row)}`);
  return row;
}

async function onPostgres(bin: string): Promise<Row> {
  const cluster = await startPostgres(bin);
  const data = await makeDataDir();
  const databaseUrl = await cluster.newDatabase();
  const token = 'bench-results-export';
  const server = await startChildServer({
    port: await freePort(),
    dataDir: data.dir,
    token,
    extraEnv: { DATABASE_URL: databaseUrl },
  });
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const pid = await serverPid(server.output);
    const api: Api = (path, init = {}) =>
      fetch(`${server.url}/api/v1${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
    const driver = { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
    const botId = await seed(api, async (id) => {
      await bulkResults(driver as unknown as StoreDriver, id, RESULTS, new Date('2026-01-01T00:00:00Z'));
      await client.query('ANALYZE results');
    });
    return await measure('postgres', api, botId, pid);
  } finally {
    await client.end();
    server.terminate();
    await server.exited;
    await cluster.stop();
    await data.remove();
  }
}

async function onPglite(): Promise<Row> {
  const t = await startTestServer();
  try {
    const api: Api = (path, init) => t.api(path, init as never);
    const botId = await seed(api, (id) =>
      bulkResults(t.server.running.store.driver, id, RESULTS, new Date('2026-01-01T00:00:00Z')),
    );
    return await measure('pglite', api, botId, null);
  } finally {
    await t.stop();
  }
}

/** CSV export, analytics and a first page over 100,000 results, on PostgreSQL (with memory) and the embedded store. */
export async function benchResultsExport(): Promise<BenchResult> {
  const bin = await findPostgresBin();
  const rows: Row[] = [];
  if (bin) rows.push(await onPostgres(bin));
  rows.push(await onPglite());
  const missed: string[] = [];
  if (!bin) missed.push('PostgreSQL missing: the export’s server memory was not measured');
  for (const r of rows) {
    if (r.csvFirstByteMs >= TARGET.firstByteMs)
      missed.push(`${r.store}: first CSV byte after ${r.csvFirstByteMs} ms (target < ${TARGET.firstByteMs} ms)`);
    if (r.rssGrowthMiB !== null && r.rssGrowthMiB >= TARGET.growthMiB)
      missed.push(
        `${r.store}: server memory grew ${r.rssGrowthMiB} MiB during the export (target < ${TARGET.growthMiB})`,
      );
    if (r.analyticsMs >= TARGET.analyticsMs)
      missed.push(`${r.store}: analytics took ${r.analyticsMs} ms (target < ${TARGET.analyticsMs} ms)`);
  }
  const markdown = [
    `${RESULTS.toLocaleString('en')} results of one bot (two collected variables, paths of 1 or 5 nodes, an A/B split), ` +
      'written straight into the table; each figure is the median of repeated requests after one warm-up ' +
      `(CSV: ${RUNS} downloads read at full speed; analytics and the first page: 5 requests). Memory: the server's ` +
      'RSS sampled every 10 ms during the downloads, peak minus before (PostgreSQL only: PGlite runs inside the ' +
      'server process, so its memory is the database too).',
    '',
    '| store | CSV first byte | CSV whole | CSV size | server memory growth | analytics | first page (50) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.store === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'} | ${r.csvFirstByteMs} ms | ${r.csvTotalMs} ms | ` +
        `${r.csvMiB} MiB | ${r.rssGrowthMiB === null ? 'n/a' : `${r.rssGrowthMiB} MiB`} | ${r.analyticsMs} ms | ${r.firstPageMs} ms |`,
    ),
    '',
    `Targets: first byte < ${TARGET.firstByteMs} ms, memory growth < ${TARGET.growthMiB} MiB, analytics < ` +
      `${TARGET.analyticsMs} ms. The export reads the store in keyset batches of 250 (the first of 50) and writes ` +
      'each row as it comes, at the pace the client reads, so memory does not grow with the number of results.',
  ].join('\n');
  return {
    name: 'results-export',
    title: 'Results: CSV export and analytics over 100,000 results',
    rows,
    markdown,
    missed,
  };
}
