import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests, startPostgres, type PostgresServer } from '../test/postgres-server.ts';
import { scenario, startTestServer, type TestServer } from '../test/test-server.ts';
import { eventually, manualClock, openSse, visitorId } from './testing.ts';

const bin = await postgresForTests('the scale-out tests (two instances on one PostgreSQL)');

describe.runIf(bin)('two instances on one PostgreSQL: timers and handoff', () => {
  let pg: PostgresServer;
  let a: TestServer;
  let b: TestServer;
  let botId: string;
  // One clock for both instances, moved by hand: only the presence test moves it.
  const clock = manualClock();
  const GRACE_MS = 20_000;

  beforeAll(async () => {
    pg = await startPostgres(bin!);
    const databaseUrl = await pg.newDatabase();
    const shared = {
      databaseUrl,
      adminToken: 'scale-out-admin',
      jobs: { pollMs: 50, timerBatch: 50 },
      visitorPresence: { graceMs: GRACE_MS, clock },
    };
    const started = await Promise.allSettled([startTestServer(shared), startTestServer(shared)]);
    [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined!));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const bot = await (
      await a.api('/bots', { method: 'POST', body: { name: 'Shared', scenario: scenario('shared') } })
    ).json();
    await a.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    botId = bot.id;
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pg?.stop();
  });

  async function session(server: TestServer) {
    const res = await fetch(`${server.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId, visitorId: visitorId() }),
    });
    return (await res.json()).token as string;
  }

  const call = (server: TestServer, token: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/v1/visitor${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('fires each timer exactly once while both instances drain the queue', async () => {
    const tokens = await Promise.all([a, b, a, b].map(session));
    const firedBy = { a: 0, b: 0 };
    const offA = a.server.running.visitor.timers.onFired((d) => (firedBy.a += d.length));
    const offB = b.server.running.visitor.timers.onFired((d) => (firedBy.b += d.length));
    const dueAt = Date.now() + 3_000;
    for (const [i, token] of tokens.entries()) {
      const server = i % 2 ? b : a;
      await Promise.all(
        Array.from({ length: 100 }, (_, n) =>
          call(server, token, 'PUT', `/timers/${encodeURIComponent(`x${n}@${dueAt}`)}`, {
            dueAt,
            event: { type: `t:x${n}` },
          }),
        ),
      );
    }
    const fired = new Map<string, number>();
    const streams = await Promise.all(
      tokens.map((t, i) => openSse(`${(i % 2 ? a : b).url}/api/v1/visitor/events?token=${encodeURIComponent(t)}`)),
    );
    const deadline = Date.now() + 30_000;
    while (streams.some((s) => s.events.length < 100) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_000));
    for (const [i, s] of streams.entries()) {
      for (const e of s.events) fired.set(`${i}/${e.data.timerId}`, (fired.get(`${i}/${e.data.timerId}`) ?? 0) + 1);
      s.close();
    }
    offA();
    offB();
    expect(fired.size).toBe(400);
    expect([...fired.values()].every((n) => n === 1)).toBe(true);
    expect(firedBy.a + firedBy.b).toBe(400);
    // Both took part: SKIP LOCKED shares a burst between instances rather than serialising it.
    expect(firedBy.a).toBeGreaterThan(0);
    expect(firedBy.b).toBeGreaterThan(0);
  });

  it('lets a visitor on instance A and a manager on instance B chat in real time', async () => {
    const token = await session(a);
    const managerStream = await openSse(`${b.url}/api/v1/handoffs/events`, { authorization: `Bearer ${b.token}` });
    await managerStream.next((e) => e.event === 'ready');
    const visitorStream = await openSse(`${a.url}/api/v1/visitor/events?token=${encodeURIComponent(token)}`);
    const { id } = await (
      await call(a, token, 'POST', '/handoffs', { handoffKey: 'h@1', transcript: [], variables: {} })
    ).json();
    expect((await managerStream.next((e) => e.data.type === 'created')).data.handoffId).toBe(id);
    expect((await b.api(`/handoffs/${id}/claim`, { method: 'POST' })).status).toBe(200);
    await visitorStream.next((e) => e.data.event?.type === 'h:joined');

    for (let i = 0; i < 5; i++) {
      const sent = Date.now();
      await call(a, token, 'POST', `/handoffs/${id}/messages`, { text: `visitor ${i}` });
      await managerStream.next((e) => e.data.type === 'message' && e.data.text === `visitor ${i}`, 2_000);
      await b.api(`/handoffs/${id}/messages`, { method: 'POST', body: { text: `manager ${i}` } });
      await visitorStream.next((e) => e.data.event?.text === `manager ${i}`, 2_000);
      expect(Date.now() - sent).toBeLessThan(1_000);
    }
    expect(
      (
        await b.api(`/handoffs/${id}/resolve`, {
          method: 'POST',
          body: { outcome: 'resolved', variables: { ok: true } },
        })
      ).status,
    ).toBe(200);
    expect((await visitorStream.next((e) => e.data.event?.type === 'h:done')).data.event.variables).toEqual({
      ok: true,
    });
    managerStream.close();
    visitorStream.close();
  });

  it('gives a task to exactly one of two managers claiming it on different instances', async () => {
    const token = await session(a);
    for (let i = 0; i < 30; i++) {
      const { id } = await (
        await call(a, token, 'POST', '/handoffs', { handoffKey: `race@${i}`, transcript: [], variables: {} })
      ).json();
      const results = await Promise.all([a, b].map((s) => s.api(`/handoffs/${id}/claim`, { method: 'POST' })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });

  it('takes a reload served by the other instance for a visitor still there, and lets the instance holding a second tab clear a mark', async () => {
    const token = await session(a);
    const presence = (s: TestServer) => s.server.running.visitor.hub.presence;
    const events = (s: TestServer) => openSse(`${s.url}/api/v1/visitor/events?token=${encodeURIComponent(token)}`);
    const leftAt = async () => (await (await b.api(`/handoffs/${id}`)).json()).visitorLeftAt;
    const { id } = await (
      await call(a, token, 'POST', '/handoffs', { handoffKey: 'presence@1', transcript: [], variables: {} })
    ).json();
    const managerStream = await openSse(`${b.url}/api/v1/handoffs/events`, { authorization: `Bearer ${b.token}` });
    await managerStream.next((e) => e.event === 'ready');

    // The page reloads and its stream lands on B: A's grace period ends without marking anyone.
    const first = await events(a);
    await presence(a).idle();
    // Other tests' visitors may still wait out their grace period; ours adds one.
    let before = presence(a).waiting;
    first.close();
    await eventually(() => presence(a).waiting > before, 5_000, 'A to see the stream close');
    clock.advance(1_000);
    const onB = await events(b);
    await presence(b).idle();
    clock.advance(GRACE_MS);
    await presence(a).idle();
    expect(await leftAt()).toBeNull();

    // A second tab on A closes while the one on B stays: A marks the visitor left, B says they are there.
    const second = await events(a);
    await presence(a).idle();
    before = presence(a).waiting;
    second.close();
    await eventually(() => presence(a).waiting > before, 5_000, 'A to see the second tab close');
    clock.advance(GRACE_MS);
    await managerStream.next((e) => e.data.type === 'visitor_left' && e.data.handoffId === id);
    await managerStream.next((e) => e.data.type === 'visitor_back' && e.data.handoffId === id);
    expect(await leftAt()).toBeNull();
    onB.close();
    managerStream.close();
  });
});
