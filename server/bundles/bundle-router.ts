import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { TokenBuckets, tooManyRequests, type BucketLimit } from '../http/rate-limit.ts';
import { assignRequestId } from '../http/request-logger.ts';
import { setBaseSecurityHeaders } from '../http/security-headers.ts';
import { BOT_ID_PATTERN } from '../ids.ts';
import { bundleRequests, httpDuration, rateLimitedTotal } from '../metrics/registry.ts';
import { chooseEncoding } from './accept-encoding.ts';
import type { BundleCache } from './bundle-cache.ts';
import { notPublishedScript } from './not-published.ts';
import type { ServedBundle } from './served-bundle.ts';

const LATEST_CACHE = 'public, max-age=60, stale-while-revalidate=600';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const LATEST_PATH = /^\/bots\/([^/]+)\.js$/s;
const PINNED_PATH = /^\/bots\/([^/]+)\/([^/]+)\.js$/s;
const HASH = /^[0-9a-f]{8,128}$/;

export interface BundleRouteOptions {
  log: Logger;
  /** Per-IP limit on script requests; null for none. */
  limit: BucketLimit | null;
  /** While draining, scripts go down the normal chain, which answers 503. */
  isDraining: () => boolean;
}

/**
 * The public script URLs landing pages embed: `/bots/<id>.js` (latest published) and `/bots/<id>/<hash>.js` (immutable).
 * Bytes come from memory, precompressed; no request compresses, compiles or touches the store on a cache hit.
 *
 * Registered first, as one middleware: bot scripts are nearly all of the traffic, so this route does for them what
 * the generic chain does for the rest (request id, security headers, rate limit, latency metric, a debug log line)
 * without walking the other layers; it costs about half the CPU per request that way.
 */
export function bundleRoute(cache: BundleCache, options: BundleRouteOptions): RequestHandler {
  const buckets = options.limit ? new TokenBuckets(options.limit) : null;
  // Matched by hand rather than with route patterns: any id in a `.js` URL, however odd, must get the JS 404.
  return async function serveBundles(req, res, next) {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/bots/') || options.isDraining())
      return next();
    const latest = LATEST_PATH.exec(req.path);
    const pinned = latest ? null : PINNED_PATH.exec(req.path);
    if (!latest && !pinned) return next();
    const started = process.hrtime.bigint();
    assignRequestId(req, res);
    req.log = options.log;
    setBaseSecurityHeaders(res);
    if (buckets) {
      const wait = buckets.take(req.ip ?? 'unknown');
      if (wait > 0) {
        rateLimitedTotal.inc({ group: 'bundles' });
        throw tooManyRequests(wait);
      }
    }
    const kind: Kind = latest ? 'latest' : 'pinned';
    const botId = decode((latest ?? pinned)![1]);
    let bundle: ServedBundle | null = null;
    if (latest && BOT_ID_PATTERN.test(botId)) bundle = await cache.latest(botId);
    if (pinned) {
      const hash = decode(pinned[2]);
      if (BOT_ID_PATTERN.test(botId) && HASH.test(hash)) bundle = await cache.byBotAndHash(botId, hash);
    }
    if (bundle) sendBundle(req, res, bundle, latest ? LATEST_CACHE : IMMUTABLE_CACHE, botId, kind);
    else sendNotPublished(res, botId, kind);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    httpDuration.observe(
      { method: req.method, route: latest ? '/bots/:id.js' : '/bots/:id/:hash.js', status: String(res.statusCode) },
      seconds,
    );
    if (options.log.isLevelEnabled('debug')) {
      options.log.debug(
        {
          reqId: req.id,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
        },
        'request',
      );
    }
  };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Kind = 'latest' | 'pinned';

function sendBundle(
  req: Request,
  res: Response,
  bundle: ServedBundle,
  cacheControl: string,
  botId: string,
  kind: Kind,
): void {
  scriptHeaders(res);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', bundle.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  // Read from the URL rather than req.query, which Express 5 parses anew on every access: this is the hot path.
  if (req.url.includes('?') && new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1)).get('download') === '1') {
    res.setHeader('Content-Disposition', `attachment; filename="chatlet-${botId}.js"`);
  }
  if (etagMatches(req.get('if-none-match'), bundle.etag)) {
    bundleRequests.inc({ kind, status: '304' });
    res.status(304).end();
    return;
  }
  bundleRequests.inc({ kind, status: '200' });
  const encoding = chooseEncoding(req.get('accept-encoding'));
  const body = encoding === 'br' ? bundle.br : encoding === 'gzip' ? bundle.gzip : bundle.identity;
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.status(200).end(body);
}

function sendNotPublished(res: Response, botId: string, kind: Kind): void {
  bundleRequests.inc({ kind, status: '404' });
  const body = notPublishedScript(botId);
  scriptHeaders(res);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.status(404).end(body);
}

function scriptHeaders(res: Response): void {
  res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
  // Bundles are public scripts for any landing page, and may be loaded by pages with COEP.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

/** `If-None-Match` uses weak comparison: `W/"x"` matches `"x"`; `*` matches anything. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
