import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.ts';
import { SameOrigin } from './same-origin.ts';
import { visitorCors } from './visitor-cors.ts';

let base: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.locals.sameOrigin = new SameOrigin({ publicUrl: 'https://chat.example.com', defaultBase: 'http://localhost:1' });
  // The bot is named by `?bot=`; `unknown` stands for a request that does not say (a preflight without a token).
  const origins: Record<string, string[]> = { b_a: ['https://shop.example', 'http://localhost:8080'], b_open: [] };
  const allowed = (req: express.Request) =>
    req.query.bot === 'unknown' ? null : (origins[String(req.query.bot)] ?? []);
  app.use('/strict', visitorCors(allowed));
  app.use('/open', visitorCors(allowed, { emptyAllowsAny: true }));
  app.all(['/strict', '/open'], (_req, res) => void res.json({ ok: true }));
  app.use(errorHandler());
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  close = () => server.close();
});

afterAll(() => close?.());

const preflight = (path: string, origin: string) =>
  fetch(`${base}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('visitorCors', () => {
  it('answers a preflight from an allowed origin with what it may send, and varies on Origin', async () => {
    const res = await preflight('/strict?bot=b_a', 'https://shop.example');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization.*Content-Type/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('refuses another origin with 403 visitor.origin_not_allowed and no CORS headers', async () => {
    for (const res of [
      await preflight('/strict?bot=b_a', 'https://evil.example'),
      await fetch(`${base}/strict?bot=b_a`, { method: 'POST', headers: { origin: 'https://evil.example' } }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await res.json()).error.code).toBe('visitor.origin_not_allowed');
    }
  });

  it('lets the real request from an allowed origin through, readable by the page', async () => {
    const res = await fetch(`${base}/strict?bot=b_a`, { method: 'POST', headers: { origin: 'http://localhost:8080' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it("always allows the server's own origin and requests without Origin", async () => {
    expect(
      (await fetch(`${base}/strict?bot=b_a`, { method: 'POST', headers: { origin: 'https://chat.example.com' } }))
        .status,
    ).toBe(200);
    expect((await fetch(`${base}/strict?bot=b_a`, { method: 'POST' })).status).toBe(200);
  });

  it('allows a preflight it cannot attribute to a bot, and leaves the real request unreadable', async () => {
    const pre = await preflight('/strict?bot=unknown', 'https://anyone.example');
    expect(pre.status).toBe(204);
    const real = await fetch(`${base}/strict?bot=unknown`, {
      method: 'POST',
      headers: { origin: 'https://anyone.example' },
    });
    expect(real.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('treats a bot without allowed origins as closed, or as open with emptyAllowsAny', async () => {
    expect((await preflight('/strict?bot=b_open', 'https://anyone.example')).status).toBe(403);
    const open = await preflight('/open?bot=b_open', 'https://anyone.example');
    expect(open.status).toBe(204);
    expect(open.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
  });
});
