/**
 * Handoff chat latency under load: 1,000 visitors each with a waiting handoff and an open event stream,
 * one manager stream. Visitor → manager: from the visitor's POST to the manager stream's event.
 * Manager → visitor: from the manager's POST to that visitor's stream event. The server is `npm start`
 * in its own process (PostgreSQL, then PGlite); clients come from 127.0.0.2–127.0.0.21 so the per-address
 * visitor limit counts them as the separate people they stand for. Target: p99 < 100 ms visitor → manager.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Agent, request, type IncomingMessage } from 'node:http';
import { freePort, startChildServer, type ChildServer } from '../server/test/child-server.ts';
import { findPostgresBin, startPostgres } from '../server/test/postgres-server.ts';
import { makeDataDir } from '../server/test/temp-data-dir.ts';
import { availableDrivers, fmt, percentile, type Driver } from './visitor-bench-support.ts';
import type { BenchResult } from './types.ts';

const VISITORS = Number(process.env.BENCH_SSE_VISITORS ?? 1_000);
const MESSAGES = 500;
const RATE_PER_SECOND = 25;
const TARGET_P99_MS = 100;
const TOKEN = 'bench-handoff';
// Not kept alive: a reused socket the server just closed would fail a measured request.
const agent = new Agent({ keepAlive: false, maxSockets: 256 });
const address = (i: number) => `127.0.0.${2 + (i % 20)}`;

function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  from: string,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        localAddress: from,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** An event stream on its own socket; `on` gets each event's parsed data. */
function stream(
  url: string,
  headers: Record<string, string>,
  from: string,
  on: (event: string, data: any) => void,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: { accept: 'text/event-stream', ...headers }, localAddress: from, agent: false },
      (res) => {
        let buffer = '';
        res.on('error', () => undefined);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) on(event, JSON.parse(data));
          }
        });
        resolve(res);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function serverOn(driver: Driver): Promise<{ server: ChildServer; stop: () => Promise<void> }> {
  const data = await makeDataDir();
  let cluster: Awaited<ReturnType<typeof startPostgres>> | undefined;
  if (driver === 'postgres') {
    cluster = await startPostgres((await findPostgresBin())!);
    process.env.DATABASE_URL = await cluster.newDatabase();
  }
  const server = await startChildServer({ port: await freePort(), dataDir: data.dir, token: TOKEN }).finally(
    () => delete process.env.DATABASE_URL,
  );
  return {
    server,
    async stop() {
      server.terminate();
      await server.exited;
      await cluster?.stop();
      await data.remove();
    },
  };
}

interface Row {
  load: number;
  driver: Driver;
  visitors: number;
  messages: number;
  v2mP50: number;
  v2mP99: number;
  m2vP50: number;
  m2vP99: number;
}

async function measure(driver: Driver): Promise<Row> {
  const { server, stop } = await serverOn(driver);
  const admin = { authorization: `Bearer ${TOKEN}` };
  const sockets: IncomingMessage[] = [];
  try {
    const base = server.url;
    const bot = await call(
      base,
      'POST',
      '/api/v1/bots',
      {
        name: 'Bench',
        scenario: { format: 'chatlet.scenario/1', name: 'B', start: 'a', nodes: [{ id: 'a', type: 'end' }] },
      },
      admin,
      '127.0.0.1',
    );
    await call(base, 'POST', `/api/v1/bots/${bot.body.id}/publish`, undefined, admin, '127.0.0.1');

    const pendingToManager = new Map<string, number>();
    const pendingToVisitor = new Map<string, number>();
    const v2m: number[] = [];
    const m2v: number[] = [];
    sockets.push(
      await stream(`${base}/api/v1/handoffs/events`, admin, '127.0.0.1', (event, data) => {
        if (event !== 'handoff' || data.type !== 'message' || data.from !== 'visitor') return;
        const sent = pendingToManager.get(data.text);
        if (sent !== undefined) (v2m.push(performance.now() - sent), pendingToManager.delete(data.text));
      }),
    );

    const visitors: { token: string; handoff: string; from: string }[] = [];
    for (let i = 0; i < VISITORS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, VISITORS - i) }, async (_, k) => {
          const from = address(i + k);
          const s = await call(
            base,
            'POST',
            '/api/v1/visitor/session',
            { botId: bot.body.id, visitorId: randomBytes(12).toString('hex') },
            {},
            from,
          );
          const auth = { authorization: `Bearer ${s.body.token}` };
          const h = await call(
            base,
            'POST',
            '/api/v1/visitor/handoffs',
            { handoffKey: 'bench@1', transcript: [{ from: 'visitor', text: 'help' }], variables: {} },
            auth,
            from,
          );
          visitors.push({ token: s.body.token, handoff: h.body.id, from });
        }),
      );
    }
    for (const v of visitors) {
      sockets.push(
        await stream(
          `${base}/api/v1/visitor/events?token=${encodeURIComponent(v.token)}`,
          {},
          v.from,
          (event, data) => {
            if (event !== 'delivery' || data.event?.type !== 'h:msg') return;
            const sent = pendingToVisitor.get(data.event.text);
            if (sent !== undefined) (m2v.push(performance.now() - sent), pendingToVisitor.delete(data.event.text));
          },
        ),
      );
    }
    // Managers take every task, so both directions can flow.
    for (let i = 0; i < visitors.length; i += 50) {
      await Promise.all(
        visitors
          .slice(i, i + 50)
          .map((v) => call(base, 'POST', `/api/v1/handoffs/${v.handoff}/claim`, undefined, admin, '127.0.0.1')),
      );
    }
    console.log(`  ${driver}: ${visitors.length} visitors with open streams and active handoffs`);

    for (let n = 0; n < MESSAGES; n++) {
      const v = visitors[Math.floor(Math.random() * visitors.length)];
      const toManager = `v${n}-${randomBytes(4).toString('hex')}`;
      const toVisitor = `m${n}-${randomBytes(4).toString('hex')}`;
      pendingToManager.set(toManager, performance.now());
      void call(
        base,
        'POST',
        `/api/v1/visitor/handoffs/${v.handoff}/messages`,
        { text: toManager },
        { authorization: `Bearer ${v.token}` },
        v.from,
      ).catch((e) => console.log('  send failed', e.message));
      pendingToVisitor.set(toVisitor, performance.now());
      void call(base, 'POST', `/api/v1/handoffs/${v.handoff}/messages`, { text: toVisitor }, admin, '127.0.0.1').catch(
        (e) => console.log('  send failed', e.message),
      );
      await new Promise((r) => setTimeout(r, 1000 / RATE_PER_SECOND));
    }
    const deadline = Date.now() + 10_000;
    while ((pendingToManager.size || pendingToVisitor.size) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    v2m.sort((a, b) => a - b);
    m2v.sort((a, b) => a - b);
    if (pendingToManager.size || pendingToVisitor.size)
      console.log(`  ${driver}: ${pendingToManager.size} + ${pendingToVisitor.size} messages never arrived`);
    return {
      load: Math.round(loadavg()[0] * 10) / 10,
      driver,
      visitors: visitors.length,
      messages: v2m.length,
      v2mP50: percentile(v2m, 50),
      v2mP99: percentile(v2m, 99),
      m2vP50: percentile(m2v, 50),
      m2vP99: percentile(m2v, 99),
    };
  } finally {
    for (const s of sockets) s.destroy();
    await stop();
  }
}

export async function benchHandoffLatency(): Promise<BenchResult> {
  const rows: Row[] = [];
  for (const driver of await availableDrivers()) {
    const row = await measure(driver);
    console.log(
      `  ${driver}: visitor → manager p50 ${fmt(row.v2mP50)} p99 ${fmt(row.v2mP99)}; manager → visitor p50 ${fmt(row.m2vP50)} p99 ${fmt(row.m2vP99)}`,
    );
    rows.push(row);
  }
  const missed = rows
    .filter((r) => r.driver === 'postgres' && !(r.v2mP99 < TARGET_P99_MS))
    .map(
      (r) =>
        `visitor → manager p99 ${fmt(r.v2mP99)} on PostgreSQL with ${r.visitors} streams (target < ${TARGET_P99_MS} ms)`,
    );
  const markdown = [
    `${VISITORS.toLocaleString('en')} visitors, each with an active handoff and an open event stream, and one manager stream; ${MESSAGES} messages each way at ${RATE_PER_SECOND}/s to random visitors. Latency is from the POST being sent to the event arriving on the other side's stream, loopback, server in its own process. Target: visitor → manager p99 < ${TARGET_P99_MS} ms.`,
    '',
    '| store | load average | open streams | visitor → manager p50 | p99 | manager → visitor p50 | p99 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.driver === 'postgres' ? 'PostgreSQL 15 (loopback)' : 'PGlite (embedded)'} | ${r.load} | ${(r.visitors + 1).toLocaleString('en')} | ${fmt(r.v2mP50)} | ${fmt(r.v2mP99)} | ${fmt(r.m2vP50)} | ${fmt(r.m2vP99)} |`,
    ),
  ].join('\n');
  return {
    name: 'handoff-latency',
    title: 'Handoff: message latency with 1,000 open visitor streams',
    rows: rows as any,
    markdown,
    missed,
  };
}
