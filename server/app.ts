import express, { type Express } from 'express';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { compile } from '../compiler/index.ts';
import { apiRouter } from './api/api-router.ts';
import { healthRouter } from './api/health-router.ts';
import { createAccounts } from './accounts/accounts.ts';
import { BotService } from './bots/bot-service.ts';
import { BundleCache } from './bundles/bundle-cache.ts';
import { bundleRoute } from './bundles/bundle-router.ts';
import { CompileService } from './compile/compile-service.ts';
import { compilerFingerprint } from './compile/compiler-fingerprint.ts';
import { DEFAULT_ORG, type ServerConfig } from './config.ts';
import { syncDemoBot } from './demo/demo-bot.ts';
import { demoSite } from './demo/demo-site.ts';
import { errorHandler, routeNotFound } from './http/error-handler.ts';
import { apiError } from './http/http-error.ts';
import { requestLogger } from './http/request-logger.ts';
import { baseSecurityHeaders } from './http/security-headers.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { metricsRouter } from './metrics/metrics-router.ts';
import { collectStoreGauges } from './metrics/store-gauges.ts';
import { pageNotFound } from './pages/not-found-page.ts';
import { pagesRouter } from './pages/pages-router.ts';
import { tryPageRouter } from './pages/try-page.ts';
import { PublicUrls } from './public-urls.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/types.ts';
import { startVisitorSide, type VisitorSide } from './visitor/visitor-side.ts';

export interface ChatletServer {
  /** Binds the port, opens the store, applies migrations, syncs the demo bot; resolves once `/healthz` answers 200. */
  listen(): Promise<{ port: number; url: string }>;
  /** Stops accepting connections, lets requests in flight finish (up to `shutdownGraceMs`), then closes the store. */
  close(): Promise<void>;
  /** The running parts, for tests and tools; throws before `listen()` resolved. */
  readonly running: Running;
}

export interface Running {
  port: number;
  /** PUBLIC_URL, or `http://localhost:<port>`. */
  url: string;
  store: Store;
  compiler: CompileService;
  app: Express;
  /** Long timers, deliveries and handoff: exposed so tests and benchmarks can watch its timers and job queue. */
  visitor: VisitorSide;
}

/**
 * Paths whose requests log at debug: the visitors' hot paths (bundles, result reports, which every opted-in
 * conversation sends on each page close) and health checks. They would drown the owners' calls at info.
 */
const QUIET_PATHS = /^\/(bots\/|healthz$|readyz$|api\/v1\/visitor\/results$)/;

/** How long an idle keep-alive connection stays open. */
export const KEEP_ALIVE_MS = 65_000;

/** Creates the Chatlet server; nothing happens until `listen()`. Tests use port 0 and a temporary `dataDir`. */
export function createServer(config: ServerConfig): ChatletServer {
  const log = config.logger ?? pino({ level: config.logLevel, base: { service: 'chatlet' } });
  const http = createHttpServer();
  // Idle keep-alive connections stay open longer than the 60 s after which load balancers and
  // proxies (and HTTP client pools) drop theirs: a server that closes first races a request being
  // sent on that connection, which the client sees as ECONNRESET or a 502.
  http.keepAliveTimeout = KEEP_ALIVE_MS;
  http.headersTimeout = KEEP_ALIVE_MS + 1_000;
  let handler: RequestListener = (_req, res) => unavailable(res, 'server.starting');
  http.on('request', (req, res) => handler(req, res));
  let running: Running | undefined;
  let draining = false;
  let started: Promise<{ port: number; url: string }> | undefined;
  let stopped: Promise<void> | undefined;
  let visitorSide: VisitorSide | undefined;

  async function start(): Promise<{ port: number; url: string }> {
    const port = await bind(http, config.port, config.host);
    let store: Store | undefined;
    try {
      store = await openStore(config, log);
      const urls = new PublicUrls(config.publicUrl ?? `http://localhost:${port}`, config.publicUrl !== undefined);
      const parts = await assemble(
        config,
        store,
        urls,
        log,
        () => draining,
        (side) => (visitorSide = side),
      );
      running = { port, url: urls.base, store, compiler: parts.compiler, app: parts.app, visitor: parts.visitor };
      handler = parts.app;
      log.info({ port, url: urls.base, schema: await store.schemaVersion() }, 'ready');
      return { port, url: urls.base };
    } catch (err) {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await visitorSide?.close().catch(() => undefined);
      await store?.close();
      throw err;
    }
  }

  async function stop(): Promise<void> {
    if (started) await started.catch(() => undefined);
    draining = true;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    // Event streams never end by themselves; their clients resume on another instance with Last-Event-ID.
    await visitorSide?.endStreams();
    const force = setTimeout(() => http.closeAllConnections(), config.shutdownGraceMs);
    await closed;
    clearTimeout(force);
    await visitorSide?.close();
    await running?.store.close();
    log.info('stopped');
  }

  return {
    listen: () => (started ??= start()),
    close: () => (stopped ??= stop()),
    get running() {
      if (!running) throw new Error('the server is not listening yet');
      return running;
    },
  };
}

/** Builds the services and the Express app on an open store. */
async function assemble(
  config: ServerConfig,
  store: Store,
  urls: PublicUrls,
  log: Logger,
  isDraining: () => boolean,
  started: (side: VisitorSide) => void,
) {
  const org = await store.ensureOrg(DEFAULT_ORG);
  const compiler = new CompileService({
    store,
    compile: config.compile ?? compile,
    fingerprint: await compilerFingerprint(),
    publicUrl: urls.base,
    log,
  });
  const bundles = new BundleCache(store, store.driver, log, { ttlMs: config.bundleCacheTtlMs, maxEntries: 500 });
  // Another instance published, unpublished or deleted a bot: refresh its cached bundles now, not at the TTL.
  await bundles.follow();
  const bots = new BotService(store, compiler, bundles);
  const accounts = createAccounts({ store, config, baseUrl: urls.base, defaultOrgId: org.id });
  if (!config.adminToken)
    log.warn('CHATLET_ADMIN_TOKEN is not set: the API accepts only stored API tokens and sessions');

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.locals.sameOrigin = accounts.sameOrigin;
  // Bot scripts first, alone: nearly all the traffic, and they do their own bookkeeping (see bundleRoute).
  app.use(bundleRoute(bundles, { log, limit: accounts.limitOf('bundles'), isDraining }));
  app.use(httpMetrics());
  app.use(requestLogger(log, (path) => QUIET_PATHS.test(path)));
  app.use(baseSecurityHeaders());
  app.use(function refuseWhileDraining(_req, res, next) {
    if (!isDraining()) return next();
    res.setHeader('Connection', 'close');
    unavailable(res, 'server.draining');
  });
  app.use(healthRouter({ store, isDraining }));
  app.use(metricsRouter({ adminToken: config.adminToken }));
  collectStoreGauges(store);
  const visitor = await startVisitorSide({
    store,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    jobs: config.jobs,
    clock: config.clock,
    botSettings: config.botSettings,
    sseHeartbeatMs: config.sseHeartbeatMs,
    presence: config.visitorPresence,
    rateLimits: config.rateLimits !== 'off',
  });
  started(visitor);
  // Before /api/v1: visitor endpoints take visitor tokens, not the API's credentials.
  app.use('/api/v1/visitor', visitor.visitorRouter);
  app.use(
    '/api/v1',
    apiRouter({
      bots,
      compiler,
      urls,
      bodyLimitBytes: config.bodyLimitBytes,
      resolvers: accounts.resolvers,
      accounts,
      handoffs: visitor.managerRouter,
      results: store,
    }),
  );
  if (config.demoDir) {
    app.use('/demo', demoSite(config.demoDir));
    await syncDemoBot({
      demoDir: config.demoDir,
      orgId: org.id,
      store,
      bots,
      compiler,
      log: log.child({ bot: 'demo' }),
    });
  }
  app.use(tryPageRouter({ store, urls }));
  app.use(
    pagesRouter({
      auth: accounts.auth,
      sessions: accounts.sessions,
      invites: accounts.invites,
      assetsDir: config.assetsDir,
    }),
  );
  app.use(pageNotFound());
  app.use(routeNotFound());
  app.use(errorHandler());
  return { app, compiler, visitor };
}

function bind(http: ReturnType<typeof createHttpServer>, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      resolve((http.address() as AddressInfo).port);
    });
  });
}

/** A 503 answered before (or after) express runs: while the server starts, and once it drains. */
function unavailable(res: Parameters<RequestListener>[1], code: 'server.starting' | 'server.draining'): void {
  res.writeHead(503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Retry-After': '1',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(apiError(code).toBody()));
}
