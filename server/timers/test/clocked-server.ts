/**
 * Test support: `server/main.ts`'s server, in a process of its own, on a clock a test moves from
 * outside. It reads the time as the system clock plus an offset: CHATLET_TEST_CLOCK_OFFSET_MS at start,
 * plus CHATLET_TEST_CLOCK_JUMP_MS each time the process gets SIGUSR2. So a crash test can register
 * timers due in an hour at its own pace, make them due at once, and kill the process for real while
 * it delivers them, without waiting for their due time. Run by startChildServer's `entry`.
 */
import { pino } from 'pino';
import { createServer } from '../../app.ts';
import { configFromEnv } from '../../config.ts';
import type { Clock } from '../clock.ts';

let offset = Number(process.env.CHATLET_TEST_CLOCK_OFFSET_MS ?? 0);
const jump = Number(process.env.CHATLET_TEST_CLOCK_JUMP_MS ?? 0);
process.on('SIGUSR2', () => (offset += jump));

const clock: Clock = {
  now: () => Date.now() + offset,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const config = configFromEnv();
const log = pino({ level: config.logLevel, base: { service: 'chatlet' } });
// No builder or console pages: the tests that run this call the API only.
const server = createServer({ ...config, assetsDir: null, logger: log, clock });
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));

const { url } = await server.listen();
// The line startChildServer and the tests read the server's pid from, as server/main.ts logs it.
log.info({ url, pid: process.pid }, 'Chatlet is listening');
