/**
 * Shared by the timer and handoff benchmarks: a real server in this process on PGlite or on a throwaway
 * PostgreSQL (initdb on loopback), percentiles, and bulk timer insertion through the server's job queue.
 */
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from '../server/config.ts';
import { findPostgresBin, startPostgres } from '../server/test/postgres-server.ts';
import { startTestServer, type TestServer } from '../server/test/test-server.ts';
import { QUEUES } from '../server/timers/job-queue.ts';
import { timerJobId, type TimerJob } from '../server/timers/timer-service.ts';

export type Driver = 'postgres' | 'pglite';

export interface BenchServer {
  driver: Driver;
  t: TestServer;
  /** Runs SQL on the server's database (pg-boss's adapter). */
  sql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  stop(): Promise<void>;
}

/** The drivers this machine can run: PGlite always, PostgreSQL when its binaries are installed. */
export async function availableDrivers(): Promise<Driver[]> {
  const all: Driver[] = (await findPostgresBin()) ? ['postgres', 'pglite'] : ['pglite'];
  // BENCH_DRIVERS=postgres runs one, for tuning.
  const only = process.env.BENCH_DRIVERS?.split(',');
  return only ? all.filter((d) => only.includes(d)) : all;
}

/** A server on `driver` with silent logs and no webhooks; PostgreSQL gets its own throwaway cluster. */
export async function benchServer(driver: Driver, overrides: Partial<ServerConfig> = {}): Promise<BenchServer> {
  let stopPg = async () => {};
  const config: Partial<ServerConfig> = { botSettings: async () => null, ...overrides };
  if (driver === 'postgres') {
    const pg = await startPostgres((await findPostgresBin())!);
    stopPg = () => pg.stop();
    config.databaseUrl = await pg.newDatabase();
  }
  const t = await startTestServer(config);
  const driverOf = t.server.running.store.driver;
  return {
    driver,
    t,
    sql: (text, values) => driverOf.executeSql(text, values),
    async stop() {
      await t.stop();
      await stopPg();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const visitorIdFor = (i: number) =>
  (i.toString(16).padStart(8, '0') + randomBytes(8).toString('hex')).slice(0, 24);

/** Inserts `count` timers for `visitors` visitors of `botId`, due at `dueAt(i)`, in chunks, as PUT would. */
export async function insertTimers(
  s: BenchServer,
  options: {
    botId: string;
    count: number;
    visitors: number;
    dueAt: (i: number) => number;
    prefix?: string;
    chunk?: number;
  },
): Promise<void> {
  const jobs = s.t.server.running.visitor.jobs;
  const visitorIds = Array.from({ length: options.visitors }, (_, i) => visitorIdFor(i));
  const chunk = options.chunk ?? 5_000;
  for (let from = 0; from < options.count; from += chunk) {
    const batch = [];
    for (let i = from; i < Math.min(options.count, from + chunk); i++) {
      const v = visitorIds[i % options.visitors];
      const t = `${options.prefix ?? 'remind'}${i}@${options.dueAt(i)}`;
      const data: TimerJob = { b: options.botId, v, t, d: options.dueAt(i), e: { type: 't:remind' } };
      batch.push({ id: timerJobId(options.botId, v, t), data, startAfter: new Date(options.dueAt(i)) });
    }
    await jobs.insert(QUEUES.timer, batch);
  }
}

/** Resident set size of this process, MiB. */
export function rssMiB(): number {
  return Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
}

export const fmt = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : '—');
