/**
 * Long timers at a steady rate: 1,000 timers due per second for 20 seconds, each at its own millisecond.
 * Lateness (due time → delivery committed and announced) at p50 and p99, on every available store.
 */
import { loadavg } from 'node:os';
import { availableDrivers, benchServer, fmt, insertTimers, percentile, type Driver } from './visitor-bench-support.ts';
import type { BenchResult } from './types.ts';

const PER_SECOND = 1_000;
const SECONDS = Number(process.env.BENCH_TIMER_RATE_SECONDS ?? 20);

interface Row {
  load: number;
  driver: Driver;
  timers: number;
  fired: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

async function steady(driver: Driver): Promise<Row> {
  const s = await benchServer(driver);
  try {
    const count = PER_SECOND * SECONDS;
    // Far enough ahead that inserting them all finishes first, even on a busy machine.
    const start = Date.now() + (driver === 'pglite' ? 40_000 : 20_000);
    const due = (i: number) => start + Math.floor((i * 1000) / PER_SECOND);
    await insertTimers(s, { botId: 'b_rate', count, visitors: count / 5, dueAt: due });
    if (Date.now() > start) throw new Error('inserting took longer than the head start; lateness would be meaningless');
    const late: number[] = [];
    await new Promise<void>((resolve) => {
      const off = s.t.server.running.visitor.timers.onFired((deliveries) => {
        const now = Date.now();
        for (const d of deliveries) late.push(now - d.dueAt!.getTime());
        if (late.length >= count) {
          off();
          resolve();
        }
      });
      setTimeout(resolve, start - Date.now() + SECONDS * 1000 + 60_000).unref();
    });
    late.sort((a, b) => a - b);
    return {
      load: Math.round(loadavg()[0] * 10) / 10,
      driver,
      timers: count,
      fired: late.length,
      p50Ms: percentile(late, 50),
      p99Ms: percentile(late, 99),
      maxMs: late[late.length - 1],
    };
  } finally {
    await s.stop();
  }
}

/** 1,000 timers/s for SECONDS seconds on each store. */
export async function benchTimersRate(): Promise<BenchResult> {
  const rows: Row[] = [];
  for (const driver of await availableDrivers()) {
    const row = await steady(driver);
    console.log(`  ${driver}: ${row.fired}/${row.timers} fired, p50 ${fmt(row.p50Ms)}, p99 ${fmt(row.p99Ms)}`);
    rows.push(row);
  }
  const markdown = [
    `${PER_SECOND.toLocaleString('en')} timers due per second for ${SECONDS} s, each at its own millisecond (5 per visitor). Loops poll every 250 ms when idle, so about half of that is the floor of the median.`,
    '',
    '| store | load average | timers | fired | p50 lateness | p99 lateness | max |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.driver === 'postgres' ? 'PostgreSQL 15 (loopback)' : 'PGlite (embedded)'} | ${r.load} | ${r.timers.toLocaleString('en')} | ${r.fired.toLocaleString('en')} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${fmt(r.maxMs)} |`,
    ),
  ].join('\n');
  const missed = rows
    .filter((r) => r.fired < r.timers)
    .map((r) => `${r.driver}: only ${r.fired} of ${r.timers} timers fired`);
  return { name: 'timers-rate', title: 'Long timers: 1,000 due per second', rows: rows as any, markdown, missed };
}
