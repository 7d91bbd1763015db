import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startTestServer, type TestServer } from './test-server.ts';

describe('/metrics', () => {
  let t: TestServer;
  beforeAll(async () => {
    // Trusting X-Forwarded-For lets the test pose as a remote client.
    t = await startTestServer({ trustProxy: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts bundle hits, compiles and publishes, and times requests by route template', async () => {
    const bot = await (
      await t.api('/bots', { method: 'POST', body: { name: 'Counted', scenario: scenario('metrics') } })
    ).json();
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    await fetch(`${t.url}/bots/${bot.id}.js`);
    await fetch(`${t.url}/bots/b_unknown.js`);
    await t.api(`/bots/${bot.id}`);

    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/chatlet_bundle_requests_total\{kind="latest",status="200"\} [1-9]/);
    expect(text).toMatch(/chatlet_bundle_requests_total\{kind="latest",status="404"\} [1-9]/);
    expect(text).toMatch(/chatlet_compiles_total\{result="ok"\} [1-9]/);
    expect(text).toMatch(/chatlet_publishes_total [1-9]/);
    expect(text).toMatch(
      /chatlet_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/bots\/:id",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /chatlet_http_request_duration_seconds_count\{method="GET",route="\/bots\/:id\.js",status="200"\} [1-9]/,
    );
    expect(text).not.toContain(bot.id);
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toMatch(/chatlet_bots\{published="true"\} [1-9]/);
    expect(text).toContain('chatlet_sessions_active 0');
  });

  it('is hidden (404) from other clients unless they bring the admin token', async () => {
    const remote = { 'x-forwarded-for': '203.0.113.7' };
    expect((await fetch(`${t.url}/metrics`, { headers: remote })).status).toBe(404);
    expect((await fetch(`${t.url}/metrics`, { headers: { ...remote, authorization: 'Bearer wrong' } })).status).toBe(
      404,
    );
    expect(
      (await fetch(`${t.url}/metrics`, { headers: { ...remote, authorization: `Bearer ${t.token}` } })).status,
    ).toBe(200);
  });
});

describe('rate limits on public routes', () => {
  it('answer 429 with Retry-After on bot scripts and logins past the burst, per client', async () => {
    const t = await startTestServer({
      trustProxy: true,
      rateLimits: { bundles: { capacity: 5, refillPerSecond: 0.5 }, login: { capacity: 2, refillPerSecond: 0.1 } },
    });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const scripts = [];
      for (let i = 0; i < 6; i++)
        scripts.push((await fetch(`${t.url}/bots/b_x.js`, { headers: from('198.51.100.1') })).status);
      expect(scripts).toEqual([404, 404, 404, 404, 404, 429]);
      const limited = await fetch(`${t.url}/bots/b_x.js`, { headers: from('198.51.100.1') });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${t.url}/bots/b_x.js`, { headers: from('198.51.100.2') })).status).toBe(404);

      const body = JSON.stringify({ email: 'a@example.com', password: 'whatever' });
      const logins = [];
      for (let i = 0; i < 3; i++) {
        logins.push(
          (
            await fetch(`${t.url}/api/v1/session`, {
              method: 'POST',
              headers: { ...from('198.51.100.3'), 'content-type': 'application/json' },
              body,
            })
          ).status,
        );
      }
      expect(logins).toEqual([401, 401, 429]);
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(/chatlet_rate_limited_total\{group="bundles"\} [1-9]/);
    } finally {
      await t.stop();
    }
  });
});
