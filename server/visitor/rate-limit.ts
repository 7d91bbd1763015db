import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';

/**
 * A fixed-window limit per key, in memory (per instance). Stands in for the shared rate-limit middleware
 * of issue 4 until it lands; the visitor router only depends on this factory's shape.
 */
export function rateLimit(options: { windowMs: number; max: number; key: (req: Request) => string }): RequestHandler {
  let window = 0;
  let counts = new Map<string, number>();
  return function rateLimit(req, res, next) {
    const now = Date.now();
    const current = Math.floor(now / options.windowMs);
    if (current !== window) {
      window = current;
      counts = new Map();
    }
    const key = options.key(req);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > options.max) {
      const retry = Math.ceil(((current + 1) * options.windowMs - now) / 1000);
      throw new HttpError(429, 'rate_limited', 'Too many requests; slow down', { headers: { 'Retry-After': String(retry) } });
    }
    next();
  };
}
