import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The one Prometheus registry `/metrics` serves. Other parts of the server register their own metrics on it:
 * `new Counter({ name: 'chatlet_timers_fired_total', help: '…', registers: [registry] })`.
 * Metrics are per process: a test process running two servers sees their sum.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every HTTP response, by route template (not the raw path, so ids do not explode the label set). */
export const httpDuration = new Histogram({
  name: 'chatlet_http_request_duration_seconds',
  help: 'HTTP request latency by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

/** Bot script requests: `latest` is `/bots/<id>.js`, `pinned` is `/bots/<id>/<hash>.js`. */
export const bundleRequests = new Counter({
  name: 'chatlet_bundle_requests_total',
  help: 'Bot script requests by kind (latest, pinned) and status (200, 304, 404)',
  labelNames: ['kind', 'status'] as const,
  registers: [registry],
});

/** Store reads the bundle cache makes: each one is a script request a warm cache did not answer alone. */
export const bundleStoreReads = new Counter({
  name: 'chatlet_bundle_store_reads_total',
  help: 'Store reads by the bundle cache, by kind: latest (the published bundle), hash (its freshness check), pinned (a bundle by hash)',
  labelNames: ['kind'] as const,
  registers: [registry],
});

/** Calls into the compiler (`ok`/`failed`) and answers from the compile cache (`cached`). */
export const compiles = new Counter({
  name: 'chatlet_compiles_total',
  help: 'Compiles by result: ok, failed, cached (answered from the compile cache), preview_ok, preview_failed',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const compileDuration = new Histogram({
  name: 'chatlet_compile_duration_seconds',
  help: 'Time spent in the compiler per compile that was not cached',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  registers: [registry],
});

export const publishes = new Counter({
  name: 'chatlet_publishes_total',
  help: 'Versions published',
  registers: [registry],
});

export const logins = new Counter({
  name: 'chatlet_logins_total',
  help: 'Password logins by result: ok, bad_credentials, throttled',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const rateLimitedTotal = new Counter({
  name: 'chatlet_rate_limited_total',
  help: 'Requests refused with 429 by route group',
  labelNames: ['group'] as const,
  registers: [registry],
});
