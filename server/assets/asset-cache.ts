import type { Response } from 'express';

/**
 * A chunk an ES entry loads on demand (rollup.config.mjs, CHUNK_FILE_NAMES: `[name]-[hash].js`, the
 * hash 8 URL-safe characters). No entry file has such a name: they are named in the config.
 */
export const CHUNK_FILE = /-[A-Za-z0-9_-]{8}\.js$/;

/** Cache-Control of a content-named chunk: its name never holds other bytes, so browsers keep it for good. */
export const CHUNK_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * express.static's `setHeaders` for /assets/: chunks are cached for good, the rest keep the router's
 * short max-age (their names stay the same from build to build). Runs before the static server sets
 * its own Cache-Control, which then leaves this one.
 */
export function assetCacheHeaders(res: Response, path: string): void {
  if (CHUNK_FILE.test(path)) res.setHeader('Cache-Control', CHUNK_CACHE_CONTROL);
}
