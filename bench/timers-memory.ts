/**
 * Memory with many pending timers: the server process's resident memory while 0 → 1,000,000 timers wait
 * in PostgreSQL. They live in the database, so the server must not grow with their number. The server
 * runs as `npm start` does, in its own process, so its RSS is its own; timers are inserted with SQL.
 */
import pg from 'pg';
import { freePort, startChildServer } from '../server/test/child-server.ts';
import { findPostgresBin, startPostgres } from '../server/test/postgres-server.ts';
import { makeDataDir } from '../server/test/temp-data-dir.ts';
import { processRssMiB, serverPid } from './server-process.ts';
import type { BenchResult } from './types.ts';

const STEPS = [0, 250_000, 500_000, 1_000_000];
const SETTLE_MS = 15_000;

function rssMiB(pid: number): number {
  return Math.round(processRssMiB(pid) * 10) / 10;
}

export async function benchTimersMemory(): Promise<BenchResult> {
  const bin = await findPostgresBin();
  if (!bin) {
    return {
      name: 'timers-memory',
      title: 'Long timers: server memory with 1,000,000 pending',
      rows: [],
      markdown: 'PostgreSQL is not installed here; not measured.',
      missed: ['PostgreSQL missing: memory with 1,000,000 pending timers not measured'],
    };
  }
  const cluster = await startPostgres(bin);
  const data = await makeDataDir();
  const databaseUrl = await cluster.newDatabase();
  process.env.DATABASE_URL = databaseUrl;
  const server = await startChildServer({ port: await freePort(), dataDir: data.dir, token: 'bench-memory' });
  delete process.env.DATABASE_URL;
  const pid = await serverPid(server.output);
  const client = new pg.Client(databaseUrl);
  await client.connect();
  const rows: { pending: number; rssMiB: number }[] = [];
  try {
    let pending = 0;
    const far = Date.now() + 30 * 24 * 3600 * 1000;
    for (const target of STEPS) {
      while (pending < target) {
        const n = Math.min(100_000, target - pending);
        await client.query(
          `INSERT INTO pgboss.job (name, data, start_after, keep_until)
           SELECT 'chatlet-timer',
             jsonb_build_object('b', 'b_mem', 'v', md5(g::text), 't', 'm' || g || '@' || $2::text, 'd', $2::bigint, 'e', '{"type":"t:m"}'::jsonb),
             to_timestamp($2::double precision / 1000), now() + interval '400 days'
           FROM generate_series($1::int + 1, $1::int + $3::int) g`,
          [pending, far, n],
        );
        pending += n;
      }
      await client.query('ANALYZE pgboss.job');
      // Let the timer loops poll the big queue for a while, with a heartbeat request or two.
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      await fetch(`${server.url}/healthz`);
      const row = { pending, rssMiB: rssMiB(pid) };
      console.log(`  ${row.pending.toLocaleString('en')} pending: server RSS ${row.rssMiB} MiB`);
      rows.push(row);
    }
  } finally {
    await client.end();
    server.terminate();
    await server.exited;
    await cluster.stop();
    await data.remove();
  }
  const base = rows[0].rssMiB;
  const top = rows[rows.length - 1].rssMiB;
  const growth = top - base;
  const missed = growth > 64 ? [`server RSS grew ${growth.toFixed(1)} MiB from 0 to 1,000,000 pending timers`] : [];
  const markdown = [
    `The server (\`npm start\` on PostgreSQL, its own process) with far-future timers added in steps; RSS read from /proc after ${SETTLE_MS / 1000} s of its timer loops polling at each step.`,
    '',
    '| pending timers | server RSS |',
    '|---:|---:|',
    ...rows.map((r) => `| ${r.pending.toLocaleString('en')} | ${r.rssMiB} MiB |`),
    '',
    `From none to a million pending: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MiB. Timers are rows in PostgreSQL; the server holds only what one burst (5,000) needs. On PGlite the database lives in the server process, so its memory is the database's page cache and is not reported here.`,
  ].join('\n');
  return { name: 'timers-memory', title: 'Long timers: server memory with 1,000,000 pending', rows, markdown, missed };
}
