/**
 * `npm start`: the Chatlet server, configured from the environment (see config.ts).
 * Before it listens, the browser assets (builder, console, stub) are built if missing or older than their sources.
 * SIGTERM or SIGINT drains and closes the store; a second signal exits at once.
 */
import { pino } from 'pino';
import { createServer } from './app.ts';
import { ensureAssets } from './assets/ensure-assets.ts';
import { configFromEnv } from './config.ts';

const config = configFromEnv();
const log = pino({ level: config.logLevel, base: { service: 'chatlet' } });
// Here rather than in createServer(): tests create many servers and must not build.
const assets = await ensureAssets({ log, dir: config.assetsDir ?? undefined });
const server = createServer({ ...config, assetsDir: assets.status === 'failed' ? null : assets.dir, logger: log });

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) {
    log.warn({ signal }, 'second signal: exiting without draining');
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, 'draining');
  server.close().then(
    () => process.exit(0),
    (err) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

try {
  const { url } = await server.listen();
  log.info({ url, pid: process.pid, demo: config.demoDir ? `${url}/demo/` : undefined }, 'Chatlet is listening');
} catch (err) {
  log.fatal({ err }, 'could not start');
  process.exit(1);
}
