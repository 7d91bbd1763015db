/**
 * `GET /bots/<id>.js` under load, side by side with `express.static` and nginx serving the same gzip bytes.
 * The three servers run in this process (nginx in its own, one worker); autocannon runs as a child process so the
 * load generator does not share the servers' event loop. Each target is measured in ROUNDS rounds, alternating the
 * order, and the median run reported, because a shared machine drifts and has bursts.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import express from 'express';
import { createServer } from '../server/app.ts';
import { makeDataDir } from '../server/test/temp-data-dir.ts';
import type { BenchResult } from './types.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js');
const NGINX = '/usr/sbin/nginx';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** At least as fast as express.static: ours is served from memory, precompressed. */
export const TARGET_RATIO = 1.0;

interface Run {
  requestsPerSecond: number;
  /** CPU time this process spent per request during the run (user + system); null for nginx, another process. */
  cpuMicrosPerRequest: number | null;
  p50: number;
  p99: number;
  bytesPerSecond: number;
  errors: number;
  non2xx: number;
}

interface Target {
  name: string;
  url: string;
  inProcess: boolean;
}

/** Runs autocannon against `url` for `seconds` in a child process and returns its summary. */
async function autocannon(url: string, seconds: number, inProcess: boolean): Promise<Run> {
  const cpuBefore = process.cpuUsage();
  const child = spawn(
    process.execPath,
    [AUTOCANNON, '--json', '-c', String(CONNECTIONS), '-d', String(seconds), '-H', 'accept-encoding=gzip', url],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  await once(child, 'exit');
  const cpu = process.cpuUsage(cpuBefore);
  const result = JSON.parse(out);
  return {
    requestsPerSecond: result.requests.average,
    cpuMicrosPerRequest: inProcess && result.requests.total ? (cpu.user + cpu.system) / result.requests.total : null,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerSecond: result.throughput.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** nginx with `gzip_static`, one worker (like one Node process), access log off; null when nginx is missing. */
async function startNginx(dir: string): Promise<{ url: string; stop: () => Promise<void> } | null> {
  if (!existsSync(NGINX)) return null;
  const port = await freePort();
  // Run as root, nginx's worker drops to `nobody`, which must be able to read the files.
  await chmod(dir, 0o755);
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  types { text/javascript js; }
  server {
    listen 127.0.0.1:${port};
    root ${dir}/static;
    gzip_static on;
    etag on;
    add_header Cache-Control "public, max-age=60";
  }
}
`,
  );
  const child = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/bot.js`;
  for (let i = 0; i < 50; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return {
        url,
        stop: async () => {
          child.kill('SIGQUIT');
          await once(child, 'exit');
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  return null;
}

/** Measures Chatlet's bundle route, express.static and nginx on the same gzip bytes, twice each. */
export async function benchServerBundles(): Promise<BenchResult> {
  const data = await makeDataDir();
  const dir = await mkdtemp(join(tmpdir(), 'chatlet-bench-static-'));
  // The bundle limiter stays on (its cost is part of the route) with a limit no run reaches.
  const chatlet = createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: data.dir,
    adminToken: 'bench',
    logLevel: 'silent',
    demoDir: null,
    bodyLimitBytes: 2 * 1024 * 1024,
    bundleCacheTtlMs: 5_000,
    shutdownGraceMs: 1_000,
    rateLimits: { bundles: { capacity: 1e9, refillPerSecond: 1e9 }, login: null, setup: null },
    // The long-timer loops poll the store 8 times a second; on PGlite that is CPU taken from both servers here.
    jobs: { pollMs: 60_000, maintenanceSeconds: 3_600 },
  });
  const { port } = await chatlet.listen();
  const api = (path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((r) => r.json());
  const scenario = JSON.parse(await readFile(join(ROOT, 'demo/scenario.json'), 'utf8'));
  const bot = await api('/bots', { name: 'Bench', scenario });
  await api(`/bots/${bot.id}/publish`);
  const chatletUrl = `http://127.0.0.1:${port}/bots/${bot.id}.js`;
  // fetch() would decompress, so the bytes come from the store, exactly as the route sends them.
  const published = (await chatlet.running.store.getPublishedBundle(bot.id))!;
  const gzip = Buffer.from(published.bundle.gzip);
  const identity = published.bundle.body;

  // The same bytes as files: bot.js and bot.js.gz, as a precompressing static server keeps them.
  const staticDir = join(dir, 'static');
  await promisify(execFile)('mkdir', ['-p', staticDir]);
  await writeFile(join(staticDir, 'bot.js'), identity);
  await writeFile(join(staticDir, 'bot.js.gz'), gzip);
  const plain = express();
  plain.disable('x-powered-by');
  // express.static has no precompressed lookup, so it serves the .gz file under the .js name with its encoding.
  plain.use((req, _res, next) => {
    if (req.url === '/bot.js') req.url = '/bot.js.gz';
    next();
  });
  plain.use(
    express.static(staticDir, {
      maxAge: 60_000,
      setHeaders: (res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Vary', 'Accept-Encoding');
      },
    }),
  );
  const staticServer: Server = plain.listen(0, '127.0.0.1');
  await once(staticServer, 'listening');
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/bot.js`;
  const nginx = await startNginx(dir);

  const targets: Target[] = [
    { name: 'Chatlet `GET /bots/:id.js`', url: chatletUrl, inProcess: true },
    { name: '`express.static`, same process', url: staticUrl, inProcess: true },
    ...(nginx ? [{ name: 'nginx 1 worker, `gzip_static`', url: nginx.url, inProcess: false }] : []),
  ];
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  try {
    // JIT and page cache warm for every target before any run counts.
    for (const target of targets) await autocannon(target.url, 3, false);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...targets].reverse() : targets;
      for (const target of order) {
        await autocannon(target.url, 2, false); // warm-up
        const run = await autocannon(target.url, DURATION_S, target.inProcess);
        console.log(`${target.name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.p99} ms`);
        runs.get(target.name)!.push(run);
      }
    }
  } finally {
    staticServer.close();
    await nginx?.stop();
    await chatlet.close();
    await data.remove();
    await rm(dir, { recursive: true, force: true });
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const rows = targets.map((t) => {
    const r = runs.get(t.name)!;
    return {
      target: t.name,
      requestsPerSecond: Math.round(median(r.map((x) => x.requestsPerSecond))),
      p50Ms: median(r.map((x) => x.p50)),
      p99Ms: median(r.map((x) => x.p99)),
      mbPerSecond: median(r.map((x) => x.bytesPerSecond)) / 1e6,
      cpuMicrosPerRequest: r[0].cpuMicrosPerRequest === null ? null : median(r.map((x) => x.cpuMicrosPerRequest!)),
      errors: r.reduce((s, x) => s + x.errors + x.non2xx, 0),
      runs: r.map((x) => Math.round(x.requestsPerSecond)),
    };
  });
  const ours = rows[0];
  const express_ = rows[1];
  const ratio = ours.requestsPerSecond / express_.requestsPerSecond;
  const missed =
    ratio >= TARGET_RATIO ? [] : [`bundle route at ${ratio.toFixed(2)}× express.static (target ≥ ${TARGET_RATIO}×)`];
  if (ours.errors) missed.push(`${ours.errors} errors or non-2xx answers from the bundle route`);

  const table = [
    '| server | req/s | × express.static | p50 ms | p99 ms | MB/s | server CPU µs/req | runs (req/s) |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.requestsPerSecond.toLocaleString('en')} | ${(r.requestsPerSecond / express_.requestsPerSecond).toFixed(2)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.mbPerSecond.toFixed(1)} | ${r.cpuMicrosPerRequest === null ? '–' : Math.round(r.cpuMicrosPerRequest)} | ${r.runs.join(', ')} |`,
    ),
  ];
  const notes = [
    `- The demo bot's bundle, gzip: ${gzip.length.toLocaleString('en')} bytes per response; ${CONNECTIONS} connections, ${ROUNDS} runs of ${DURATION_S} s per server (each after a 2 s warm-up, the order alternating), autocannon in a child process on loopback. Figures are the median run's.`,
    `- Target: at least ${TARGET_RATIO.toFixed(1)}× express.static — ${ratio >= TARGET_RATIO ? 'met' : 'missed'} (${ratio.toFixed(2)}×). Chatlet's route runs its full middleware chain (request id, logging, metrics, security headers, rate limit) and serves from memory; express.static reads and stats the file.`,
    '- Server CPU µs/req: CPU time of the process holding both Node servers, divided by the requests of the run; it is steadier than req/s on a shared machine, where the load generator and other work compete for the cores. The timer job loops are slowed down for the run (see the source).',
    nginx
      ? '- nginx is the practical ceiling: C, one worker process, no logging.'
      : '- nginx was not found at /usr/sbin/nginx; its row is missing.',
  ];
  return {
    name: 'server-bundles',
    title: 'Serving a bot script',
    rows,
    summary: { ratioToExpressStatic: ratio, gzipBytes: gzip.length, connections: CONNECTIONS, seconds: DURATION_S },
    markdown: [...table, '', ...notes].join('\n'),
    missed,
  };
}
