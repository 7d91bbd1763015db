import express from 'express';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.ts';
import { rateLimit, TokenBuckets } from './rate-limit.ts';

describe('TokenBuckets', () => {
  it('lets a burst through, then one request per refill, and says how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5 }, { now: () => now });
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(2);
    expect(buckets.take('b')).toBe(0);
    now = 1_000;
    expect(buckets.take('a')).toBe(1);
    now = 2_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(2);
    now = 1_000_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0, 2]);
  });

  it('stays bounded: past maxKeys it forgets refilled keys first, then the oldest', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 1 }, { now: () => now, maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) {
      now += 10;
      buckets.take(`ip${i}`);
    }
    expect(buckets.size).toBeLessThanOrEqual(101);
    expect(buckets.take('ip999')).toBeGreaterThan(0);
  });
});

describe('rateLimit middleware', () => {
  it('answers 429 rate.limited with Retry-After once a client has used its burst, per client', async () => {
    const app = express();
    app.set('trust proxy', true);
    app.get('/x', rateLimit({ group: 'test', capacity: 2, refillPerSecond: 0.1 }), (_req, res) => void res.send('ok'));
    app.use(errorHandler());
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
    try {
      const from = (ip: string) => fetch(url, { headers: { 'x-forwarded-for': ip } });
      expect([(await from('1.1.1.1')).status, (await from('1.1.1.1')).status]).toEqual([200, 200]);
      const limited = await from('1.1.1.1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('10');
      expect(await limited.json()).toEqual({
        error: { code: 'rate.limited', message: 'Too many requests; try again in 10 s' },
      });
      expect((await from('2.2.2.2')).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
