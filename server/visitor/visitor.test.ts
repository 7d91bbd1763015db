import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startTestServer, type TestServer } from '../test/test-server.ts';
import { eventually, openSse, startWebhookReceiver, visitorId } from './testing.ts';
import { TOKEN_SECRET_NAME, VisitorTokens } from './visitor-token.ts';

describe('the visitor endpoints', () => {
  let t: TestServer;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let botA: string;
  let botB: string;
  beforeAll(async () => {
    hook = await startWebhookReceiver({ fail: 1 });
    t = await startTestServer({ jobs: { pollMs: 50, webhookRetryDelaySeconds: 1 } });
    for (const name of ['A', 'B']) {
      const bot = await (await t.api('/bots', { method: 'POST', body: { name, scenario: scenario(name) } })).json();
      expect((await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).status).toBe(201);
      const settings = {
        allowedOrigins: ['https://landing.example'],
        webhookUrl: hook.url,
        webhookSecret: hook.secret,
      };
      expect((await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: settings })).status).toBe(200);
      if (name === 'A') botA = bot.id;
      else botB = bot.id;
    }
  });

  afterAll(async () => {
    await t?.stop();
    await hook?.close();
  });

  const visitor = (
    path: string,
    init: { method?: string; body?: unknown; token?: string; origin?: string; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${t.url}/api/v1/visitor${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.origin ? { origin: init.origin } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  async function session(botId: string, vid = visitorId()) {
    const res = await visitor('/session', {
      method: 'POST',
      body: { botId, visitorId: vid },
      origin: 'https://landing.example',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://landing.example');
    return { vid, ...((await res.json()) as { token: string; expiresAt: number }) };
  }

  it('exchanges a visitor id for a token that lives 180 days', async () => {
    const s = await session(botA);
    expect(s.expiresAt - Date.now()).toBeGreaterThan(179 * 24 * 3600 * 1000);
    expect(
      (await visitor('/session', { method: 'POST', body: { botId: 'b_nosuchbot', visitorId: visitorId() } })).status,
    ).toBe(404);
  });

  it('refuses a token of bot A on bot B, a forged one and an expired one', async () => {
    const s = await session(botA);
    const wrongBot = await visitor(`/timers/x%401?botId=${botB}`, {
      method: 'PUT',
      token: s.token,
      body: { dueAt: Date.now() + 60_000, event: { type: 't:x' } },
    });
    expect(wrongBot.status).toBe(403);
    expect((await wrongBot.json()).error.code).toBe('visitor.wrong_bot');

    const [v, body, mac] = s.token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ b: botA, v: visitorId(), e: Date.now() + 1e9 })).toString(
      'base64url',
    );
    for (const forged of [`${v}.${forgedBody}.${mac}`, `${v}.${body}.${mac.slice(0, -2)}xx`, 'garbage', '']) {
      const res = await visitor('/ack', { method: 'POST', token: forged || undefined, body: { upTo: 1 } });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('visitor.bad_token');
    }

    const secret = await t.server.running.store.secret(TOKEN_SECRET_NAME, () => 'unused');
    const old = new VisitorTokens(secret, () => Date.now() - 181 * 24 * 3600 * 1000).issue(botA, visitorId());
    const expired = await visitor('/ack', { method: 'POST', token: old.token, body: { upTo: 1 } });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe('visitor.token_expired');
  });

  it("answers CORS only for the bot's allowed origins, yet lets any page read why a token was refused", async () => {
    const s = await session(botA);
    const expired = await visitor('/ack', {
      method: 'POST',
      token: 'v1.x.y',
      body: { upTo: 0 },
      origin: 'https://landing.example',
    });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('access-control-allow-origin')).toBe('https://landing.example');
    const foreign = await visitor('/ack', {
      method: 'POST',
      token: s.token,
      body: { upTo: 0 },
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('visitor.origin_not_allowed');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await visitor(`/timers/x?botId=${botA}`, {
      method: 'OPTIONS',
      origin: 'https://landing.example',
      headers: { 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const badPreflight = await visitor(`/timers/x?botId=${botA}`, {
      method: 'OPTIONS',
      origin: 'https://evil.example',
      headers: { 'access-control-request-method': 'PUT' },
    });
    expect(badPreflight.status).toBe(403);
    expect(
      (
        await visitor('/session', {
          method: 'POST',
          body: { botId: botA, visitorId: visitorId() },
          origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
  });

  it('fires a timer once: a delivery on the stream, acknowledged, and a signed webhook retried after a failure', async () => {
    const s = await session(botA);
    const timerId = `remind@${Date.now() + 300}`;
    const put = () =>
      visitor(`/timers/${encodeURIComponent(timerId)}`, {
        method: 'PUT',
        token: s.token,
        body: { dueAt: Date.now() + 300, event: { type: 't:remind' } },
      });
    expect((await put()).status).toBe(201);
    expect((await put()).status).toBe(200);
    const stream = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(s.token)}`);
    const delivery = await stream.next((e) => e.event === 'delivery');
    expect(delivery.data).toEqual({ id: 1, kind: 'timer', timerId, event: { type: 't:remind' } });
    expect(delivery.id).toBe('1');
    stream.close();

    // Unacknowledged: sent again on reconnect; after Last-Event-ID or an ack, never again.
    const again = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(s.token)}`);
    expect((await again.next((e) => e.event === 'delivery')).data.timerId).toBe(timerId);
    again.close();
    expect((await visitor('/ack', { method: 'POST', token: s.token, body: { upTo: 1 } })).status).toBe(204);
    const after = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(s.token)}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(after.events.filter((e) => e.event === 'delivery')).toEqual([]);
    after.close();

    await eventually(() => hook.calls.some((c) => c.body.timerId === timerId), 15_000, 'the webhook');
    const calls = hook.calls.filter((c) => c.body.timerId === timerId);
    expect(calls).toHaveLength(1);
    expect(calls[0].signatureValid).toBe(true);
    expect(calls[0].body).toMatchObject({
      type: 'timer.fired',
      botId: botA,
      visitorId: s.vid,
      timerId,
      deliveryId: expect.any(Number),
    });
  });

  it('does not fire a cancelled timer, and pushes a live one to an open stream', async () => {
    const s = await session(botA);
    const stream = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(s.token)}`);
    // Far enough ahead that the DELETE lands first even on a busy machine; the live one comes due right after.
    const base = Date.now();
    const cancelled = `a@${base + 1_500}`;
    const live = `b@${base + 2_000}`;
    await visitor(`/timers/${encodeURIComponent(cancelled)}`, {
      method: 'PUT',
      token: s.token,
      body: { dueAt: base + 1_500, event: { type: 't:a' } },
    });
    await visitor(`/timers/${encodeURIComponent(live)}`, {
      method: 'PUT',
      token: s.token,
      body: { dueAt: base + 2_000, event: { type: 't:b' } },
    });
    expect(
      (await visitor(`/timers/${encodeURIComponent(cancelled)}`, { method: 'DELETE', token: s.token })).status,
    ).toBe(204);
    const got = await stream.next((e) => e.event === 'delivery');
    expect(got.data.timerId).toBe(live);
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.events.filter((e) => e.event === 'delivery').map((e) => e.data.timerId)).toEqual([live]);
    stream.close();
  });

  it("never shows one visitor another visitor's deliveries", async () => {
    const a = await session(botA);
    const b = await session(botA);
    await visitor(`/timers/${encodeURIComponent('mine@1')}`, {
      method: 'PUT',
      token: a.token,
      body: { dueAt: Date.now(), event: { type: 't:mine' } },
    });
    const streamA = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(a.token)}`);
    await streamA.next((e) => e.event === 'delivery');
    const streamB = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(b.token)}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(streamB.events).toEqual([]);
    // B cancelling "mine@1" touches only B's (absent) timer.
    expect(
      (await visitor(`/timers/${encodeURIComponent('mine@1')}`, { method: 'DELETE', token: b.token })).status,
    ).toBe(204);
    streamA.close();
    streamB.close();
  });
});
