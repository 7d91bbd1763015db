import { Router, type Request, type Response } from 'express';
import { BOT_ID_PATTERN } from '../ids.ts';
import { bundleRequests } from '../metrics/registry.ts';
import { chooseEncoding } from './accept-encoding.ts';
import type { BundleCache } from './bundle-cache.ts';
import { notPublishedScript } from './not-published.ts';
import type { ServedBundle } from './served-bundle.ts';

const LATEST_CACHE = 'public, max-age=60, stale-while-revalidate=600';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const LATEST_PATH = /^\/bots\/([^/]+)\.js$/s;
const PINNED_PATH = /^\/bots\/([^/]+)\/([^/]+)\.js$/s;
const HASH = /^[0-9a-f]{8,128}$/;

/**
 * The public script URLs landing pages embed: `/bots/<id>.js` (latest published) and `/bots/<id>/<hash>.js` (immutable).
 * Bytes come from memory, precompressed; no request compresses, compiles or touches the store on a cache hit.
 */
export function bundleRouter(cache: BundleCache): Router {
  const router = Router();
  // Matched by hand rather than with route patterns: any id in a `.js` URL, however odd, must get the JS 404.
  router.use(async function serveBundles(req, res, next) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const latest = LATEST_PATH.exec(req.path);
    if (latest) {
      const botId = decode(latest[1]);
      const bundle = BOT_ID_PATTERN.test(botId) ? await cache.latest(botId) : null;
      if (!bundle) return sendNotPublished(res, botId, 'latest');
      return sendBundle(req, res, bundle, LATEST_CACHE, botId, 'latest');
    }
    const pinned = PINNED_PATH.exec(req.path);
    if (pinned) {
      const botId = decode(pinned[1]);
      const hash = decode(pinned[2]);
      const bundle = BOT_ID_PATTERN.test(botId) && HASH.test(hash) ? await cache.byBotAndHash(botId, hash) : null;
      if (!bundle) return sendNotPublished(res, botId, 'pinned');
      return sendBundle(req, res, bundle, IMMUTABLE_CACHE, botId, 'pinned');
    }
    next();
  });
  return router;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Kind = 'latest' | 'pinned';

function sendBundle(req: Request, res: Response, bundle: ServedBundle, cacheControl: string, botId: string, kind: Kind): void {
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
