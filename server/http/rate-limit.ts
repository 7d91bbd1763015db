import type { Request, RequestHandler } from 'express';
import { rateLimitedTotal } from '../metrics/registry.ts';
import { apiError, type HttpError } from './http-error.ts';

/** A bucket refills continuously; a request takes one token, and waits when none is left. */
export interface BucketLimit {
  /** The burst: how many requests may come at once. */
  capacity: number;
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key, in memory. Per instance: behind a load balancer each instance limits on its own,
 * which is what a limit against floods and password guessing needs. Bounded: past `maxKeys`, full buckets
 * (keys idle long enough to have refilled) are dropped first, then the oldest.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limit: BucketLimit,
    private readonly options: { maxKeys?: number; now?: () => number } = {},
  ) {}

  /** Takes a token for `key`: 0 when allowed, else the seconds until one is available (nothing is taken). */
  take(key: string, cost = 1): number {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.limit.refillPerSecond));
  }

  /** The seconds `key` must wait before its next token, without taking one. */
  waitFor(key: string): number {
    const bucket = this.refilled(key, this.now());
    return bucket.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.refillPerSecond));
  }

  /** Forgets `key` (a successful login clears its failures). */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.limit.capacity, at: now };
      this.buckets.set(key, bucket);
      if (this.buckets.size > (this.options.maxKeys ?? 50_000)) this.evict(now);
      return bucket;
    }
    const elapsed = (now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.limit.capacity, bucket.tokens + elapsed * this.limit.refillPerSecond);
    bucket.at = now;
    return bucket;
  }

  private evict(now: number): void {
    const fullAfter = (this.limit.capacity / this.limit.refillPerSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= fullAfter) this.buckets.delete(key);
    const max = this.options.maxKeys ?? 50_000;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= max) break;
      this.buckets.delete(key);
    }
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}

export interface RateLimitOptions extends BucketLimit {
  /** The route group, in the key and in the `chatlet_rate_limited_total` metric. */
  group: string;
  /** Whose bucket a request takes from; default the client IP (`req.ip`, which honours TRUST_PROXY). */
  key?: (req: Request) => string;
  now?: () => number;
}

/**
 * Middleware: a token bucket per client IP (or `key`) for one route group. Over the limit it answers
 * `429 rate.limited` with `Retry-After`. Exported for the visitor endpoints too.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const buckets = new TokenBuckets(options, { now: options.now });
  const keyOf = options.key ?? ((req: Request) => req.ip ?? 'unknown');
  return function rateLimit(req, res, next) {
    const wait = buckets.take(keyOf(req));
    if (wait === 0) return next();
    rateLimitedTotal.inc({ group: options.group });
    throw tooManyRequests(wait);
  };
}

/** The 429 every limit answers. */
export function tooManyRequests(retryAfterSeconds: number): HttpError {
  return apiError('rate.limited', {
    message: `Too many requests; try again in ${retryAfterSeconds} s`,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** A middleware that does nothing: a rate limit that is switched off. */
export function noLimit(): RequestHandler {
  return function noLimit(_req, _res, next) {
    next();
  };
}
