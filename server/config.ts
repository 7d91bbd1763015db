import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { CompileFn } from './compile/types.ts';
import type { BucketLimit } from './http/rate-limit.ts';
import type { JobTuning } from './timers/job-queue.ts';
import type { BotSettingsSource } from './visitor/bot-settings.ts';
import type { PresenceClock } from './visitor/visitor-presence.ts';
import type { Clock } from './timers/clock.ts';

export const DEFAULT_DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));

/** Everything the server can be told. `configFromEnv` fills it from the environment; tests build it directly. */
export interface ServerConfig {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** Where the embedded store keeps its files. */
  dataDir: string;
  /** PostgreSQL connection string; when set, the store lives there instead of DATA_DIR. */
  databaseUrl?: string;
  /** The base URL baked into bundles and returned by the API. Default: `http://localhost:<port>`. */
  publicUrl?: string;
  /** Bearer token with owner rights in the default organisation. Unset: only stored API tokens work. */
  adminToken?: string;
  logLevel: string;
  /** Folder with `scenario.json` and `site/`; null turns the demo off. */
  demoDir: string | null;
  /**
   * The browser assets served at /assets/ (ASSETS_DIR; default `dist/` of the checkout), which `npm start` builds
   * before listening; null when that build failed, so /builder and /console say they are not installed.
   */
  assetsDir?: string | null;
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
  /** How long a bot's "latest bundle" is trusted in memory before it is re-read (other instances may publish). */
  bundleCacheTtlMs: number;
  /** How long shutdown waits for requests in flight before cutting connections. */
  shutdownGraceMs: number;
  /** Replaces the compiler (tests of failure paths); default is `compile` from compiler/index.ts. */
  compile?: CompileFn;
  /** Replaces the pino logger built from `logLevel`. */
  logger?: Logger;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For/-Proto to believe for client IPs and https. */
  trustProxy?: boolean | number | string;
  /** Per-IP limits by route group; `null` turns one off, `'off'` (RATE_LIMITS=off) all. Default DEFAULT_RATE_LIMITS. */
  rateLimits?: 'off' | Partial<Record<RateLimitGroup, BucketLimit | null>>;
  /** How long a login session lasts without use (SESSION_TTL_HOURS); default 14 days, sliding. */
  sessionTtlMs?: number;
  /** Long-timer and webhook job loops; CHATLET_JOB_EXPIRE_SECONDS and CHATLET_JOB_MAINTENANCE_SECONDS set two. */
  jobs?: Partial<JobTuning>;
  /** The clock long timers are due by (default the system's); tests pass a simulated one. */
  clock?: Clock;
  /** Replaces the bots' visitor settings (tests point webhooks at a local receiver). */
  botSettings?: BotSettingsSource;
  /** How often open event streams get a heartbeat comment. */
  sseHeartbeatMs?: number;
  /** When a visitor in a handoff counts as gone: their stream closed this long (CHATLET_VISITOR_GRACE_SECONDS, default 20); tests inject the clock. */
  visitorPresence?: { graceMs?: number; clock?: PresenceClock };
}

export const DEFAULT_ORG = { id: 'o_default', name: 'Default organisation' } as const;

/** Route groups with a per-IP rate limit. */
export type RateLimitGroup = 'bundles' | 'login' | 'setup';

/**
 * Bot scripts: generous (a browser fetches the latest at most once a minute, so 100/s sustained per IP is a big NAT).
 * Login: 30 at once, then one every 2 s per IP (password guessing is also throttled per account).
 * Set-up: a handful; it works once per install.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitGroup, BucketLimit> = {
  bundles: { capacity: 600, refillPerSecond: 100 },
  login: { capacity: 30, refillPerSecond: 0.5 },
  setup: { capacity: 10, refillPerSecond: 1 / 60 },
};

export const DEFAULT_SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Reads PORT, HOST, DATA_DIR, ASSETS_DIR, DATABASE_URL, PUBLIC_URL, CHATLET_ADMIN_TOKEN, LOG_LEVEL, TRUST_PROXY, RATE_LIMITS, SESSION_TTL_HOURS and CHATLET_VISITOR_GRACE_SECONDS. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST || undefined,
    dataDir: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    adminToken: env.CHATLET_ADMIN_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    demoDir: DEFAULT_DEMO_DIR,
    assetsDir: env.ASSETS_DIR || undefined,
    bodyLimitBytes: 2 * 1024 * 1024,
    bundleCacheTtlMs: 5_000,
    shutdownGraceMs: 10_000,
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    rateLimits: env.RATE_LIMITS === 'off' ? 'off' : undefined,
    sessionTtlMs: env.SESSION_TTL_HOURS ? Number(env.SESSION_TTL_HOURS) * 60 * 60 * 1000 : undefined,
    visitorPresence: env.CHATLET_VISITOR_GRACE_SECONDS
      ? { graceMs: seconds('CHATLET_VISITOR_GRACE_SECONDS', env.CHATLET_VISITOR_GRACE_SECONDS) * 1000 }
      : undefined,
    jobs: {
      ...(env.CHATLET_JOB_EXPIRE_SECONDS ? { expireSeconds: Number(env.CHATLET_JOB_EXPIRE_SECONDS) } : {}),
      ...(env.CHATLET_JOB_MAINTENANCE_SECONDS
        ? { maintenanceSeconds: Number(env.CHATLET_JOB_MAINTENANCE_SECONDS) }
        : {}),
    },
  };
}

/** A number of seconds from the environment, or a start-up error that names the variable. */
function seconds(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of seconds, not ${value}`);
  return n;
}

/** TRUST_PROXY: `true`, a hop count (`1`), or Express's list form (`loopback`, `10.0.0.0/8, uniquelocal`). */
function trustProxyFrom(value: string | undefined): boolean | number | string | undefined {
  if (!value) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
