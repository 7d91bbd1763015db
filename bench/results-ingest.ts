/**
 * Results ingest: 1,000 reports per second for SECONDS seconds, sent by a separate process as bundles send them
 * (`text/plain` JSON, `?token=`), each a distinct report; latency at p50 and p99, on every available store.
 * Target: 1,000 reports/s sustained with p99 < 50 ms on PostgreSQL, and measured on the embedded store.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { hashOf, resultsScenario } from '../server/visitor/results-testing.ts';
import { availableDrivers, benchServer, fmt, visitorIdFor, type Driver } from './visitor-bench-support.ts';
import type { BenchResult } from './types.ts';

const RATE = 1_000;
const SECONDS = Number(process.env.BENCH_RESULTS_SECONDS ?? 15);
const VISITORS = 200;
const LOAD = fileURLToPath(new URL('./results-ingest-load.mjs', import.meta.url));

interface Row {
  load: number;
  driver: Driver;
  sent: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  stored: number;
}

async function ingest(driver: Driver): Promise<Row> {
  // The real bot settings: sessions and reports look the bot up (the other benches use made-up bot ids).
  const s = await benchServer(driver, { botSettings: undefined });
  try {
    const doc = resultsScenario(['email', 'name']);
    const bot = await (await s.t.api('/bots', { method: 'POST', body: { name: 'Leads', scenario: doc } })).json();
    const published = await s.t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    if (published.status !== 201) throw new Error(`publish answered ${published.status}`);
    const tokens: string[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const res = await fetch(`${s.t.url}/api/v1/visitor/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ botId: bot.id, visitorId: visitorIdFor(i) }),
      });
      tokens.push((await res.json()).token);
    }
    // Warm-up: JIT, connection pools and the bot's settings cache, not counted.
    await load(s.t.url, tokens, hashOf(doc), 200, 3);
    const before = await count(s, bot.id);
    const run = await load(s.t.url, tokens, hashOf(doc), RATE, SECONDS);
    return {
      load: Math.round(loadavg()[0] * 10) / 10,
      driver,
      sent: run.requests.sent,
      perSecond: Math.round(run.requests.average),
      p50Ms: run.latency.p50,
      p99Ms: run.latency.p99,
      maxMs: run.latency.max,
      errors: run.errors + run.timeouts + run.non2xx,
      stored: (await count(s, bot.id)) - before,
    };
  } finally {
    await s.stop();
  }
}

async function count(s: Awaited<ReturnType<typeof benchServer>>, botId: string): Promise<number> {
  const { rows } = await s.sql('SELECT count(*)::int AS n FROM results WHERE bot_id = $1', [botId]);
  return rows[0].n;
}

// any: autocannon's JSON summary
async function load(url: string, tokens: string[], scenario: string, rate: number, seconds: number): Promise<any> {
  const args = JSON.stringify({ url, tokens, scenario, rate, seconds, connections: 32 });
  const child = spawn(process.execPath, [LOAD, args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  await once(child, 'exit');
  return JSON.parse(out);
}

/** 1,000 result reports per second on each store. */
export async function benchResultsIngest(): Promise<BenchResult> {
  const rows: Row[] = [];
  for (const driver of await availableDrivers()) {
    const row = await ingest(driver);
    console.log(`  ${driver}: ${row.perSecond}/s, p50 ${fmt(row.p50Ms)}, p99 ${fmt(row.p99Ms)}, ${row.errors} errors`);
    rows.push(row);
  }
  const markdown = [
    `${RATE.toLocaleString('en')} result reports per second for ${SECONDS} s from a separate load process (autocannon, 32 connections, ${VISITORS} visitor tokens), each report distinct: two in three start a result, one in three is a later report of one (a higher seq). Latency is the POST's, as the load process saw it; "stored" counts the results that exist afterwards.`,
    '',
    '| store | load average | reports sent | per second | p50 | p99 | max | errors | results stored |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.driver === 'postgres' ? 'PostgreSQL (loopback)' : 'PGlite (embedded)'} | ${r.load} | ${r.sent.toLocaleString('en')} | ${r.perSecond.toLocaleString('en')} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${fmt(r.maxMs)} | ${r.errors} | ${r.stored.toLocaleString('en')} |`,
    ),
  ].join('\n');
  const missed = rows.flatMap((r) => [
    ...(r.perSecond < RATE * 0.95 ? [`${r.driver}: ${r.perSecond} reports/s, below ${RATE}`] : []),
    ...(r.driver === 'postgres' && r.p99Ms >= 50 ? [`postgres: p99 ${r.p99Ms} ms, over 50 ms`] : []),
    ...(r.errors ? [`${r.driver}: ${r.errors} failed requests`] : []),
  ]);
  return {
    name: 'results-ingest',
    title: 'Results: ingest of 1,000 reports per second',
    rows: rows as any,
    markdown,
    missed,
  };
}
