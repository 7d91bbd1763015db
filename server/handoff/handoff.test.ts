import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/token-hash.ts';
import { newId } from '../ids.ts';
import { scenario, startTestServer, type TestServer } from '../test/test-server.ts';
import { openSse, visitorId } from '../visitor/testing.ts';

describe('handoff to a manager', () => {
  let t: TestServer;
  let botId: string;
  let otherOrgToken: string;

  beforeAll(async () => {
    t = await startTestServer({ jobs: { pollMs: 50 } });
    const bot = await (
      await t.api('/bots', { method: 'POST', body: { name: 'Help', scenario: scenario('help') } })
    ).json();
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    botId = bot.id;
    const store = t.server.running.store;
    const other = await store.ensureOrg({ id: newId('o'), name: 'Rival' });
    otherOrgToken = `rival-${newId('t')}`;
    await store.createToken({
      id: newId('t'),
      orgId: other.id,
      userId: null,
      role: 'owner',
      name: 'rival',
      tokenHash: hashToken(otherOrgToken),
      expiresAt: null,
    });
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function visitorSession() {
    const res = await fetch(`${t.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId, visitorId: visitorId() }),
    });
    const { token } = await res.json();
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${t.url}/api/v1/visitor${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    return { token, call, events: () => openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(token)}`) };
  }

  const newHandoff = (key = `help@${Math.random()}`, timeoutAt: number | null = null) => ({
    handoffKey: key,
    queue: 'sales',
    timeoutAt,
    transcript: [
      { from: 'bot', text: 'How can I help?' },
      { from: 'visitor', text: 'I need a human' },
    ],
    variables: { name: 'Ann', plan: 'pro' },
  });

  it('goes from waiting to claimed to resolved, with messages both ways and a rating in the KPIs', async () => {
    const v = await visitorSession();
    const managerStream = await openSse(`${t.url}/api/v1/handoffs/events`, { authorization: `Bearer ${t.token}` });
    await managerStream.next((e) => e.event === 'ready');

    const created = await v.call('POST', '/handoffs', newHandoff('help@1'));
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const again = await v.call('POST', '/handoffs', newHandoff('help@1'));
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(id);
    expect((await managerStream.next((e) => e.data.type === 'created')).data.handoffId).toBe(id);

    const queue = await (await t.api('/handoffs?status=waiting')).json();
    const entry = queue.handoffs.find((h: any) => h.id === id);
    expect(entry).toMatchObject({ status: 'waiting', queue: 'sales', botId, preview: 'I need a human' });
    expect(entry.waitingMs).toBeGreaterThanOrEqual(0);

    const events = await v.events();
    expect((await t.api(`/handoffs/${id}/messages`, { method: 'POST', body: { text: 'too early' } })).status).toBe(409);
    const claim = await t.api(`/handoffs/${id}/claim`, { method: 'POST' });
    expect(claim.status).toBe(200);
    // The stream's event carries the very queue entry the claim answered with: one view, however it reaches a manager.
    const claimed = await managerStream.next((e) => e.data.type === 'claimed' && e.data.handoffId === id);
    expect(claimed.data.handoff).toEqual(await claim.json());
    expect((await events.next((e) => e.event === 'delivery')).data).toMatchObject({
      kind: 'handoff',
      handoffId: id,
      event: { type: 'h:joined' },
    });

    expect((await v.call('POST', `/handoffs/${id}/messages`, { text: 'Hello?' })).status).toBe(201);
    expect((await managerStream.next((e) => e.data.type === 'message')).data).toMatchObject({
      handoffId: id,
      from: 'visitor',
      text: 'Hello?',
    });
    expect((await t.api(`/handoffs/${id}/messages`, { method: 'POST', body: { text: 'Hi Ann' } })).status).toBe(201);
    expect((await events.next((e) => e.data.event?.type === 'h:msg')).data.event).toMatchObject({
      type: 'h:msg',
      text: 'Hi Ann',
    });

    const detail = await (await t.api(`/handoffs/${id}`)).json();
    expect(detail.transcript).toHaveLength(2);
    expect(detail.variables).toEqual({ name: 'Ann', plan: 'pro' });
    expect(detail.messages.map((m: any) => [m.from, m.text])).toEqual([
      ['visitor', 'Hello?'],
      ['manager', 'Hi Ann'],
    ]);

    expect((await v.call('POST', `/handoffs/${id}/rating`, { rating: 5 })).status).toBe(409);
    const resolved = await t.api(`/handoffs/${id}/resolve`, {
      method: 'POST',
      body: { outcome: 'resolved', variables: { discount: 10 }, note: 'gave a discount' },
    });
    expect(resolved.status).toBe(200);
    expect((await events.next((e) => e.data.event?.type === 'h:done')).data.event).toEqual({
      type: 'h:done',
      outcome: 'resolved',
      variables: { discount: 10 },
    });
    expect((await t.api(`/handoffs/${id}/resolve`, { method: 'POST', body: { outcome: 'resolved' } })).status).toBe(
      409,
    );
    expect((await v.call('POST', `/handoffs/${id}/messages`, { text: 'late' })).status).toBe(409);
    expect((await v.call('POST', `/handoffs/${id}/rating`, { rating: 4 })).status).toBe(204);

    const kpis = await (await t.api('/kpis')).json();
    expect(kpis.managers[0]).toMatchObject({ count: 1, resolved: 1, averageRating: 4, ratings: 1 });
    expect(kpis.managers[0].medianClaimMs).toBeGreaterThanOrEqual(0);
    expect(kpis.managers[0].medianResolveMs).toBeGreaterThanOrEqual(0);
    events.close();
    managerStream.close();
  });

  it('lets exactly one of two managers claim a task, 100 times over', async () => {
    let v = await visitorSession();
    let wins = 0;
    for (let i = 0; i < 100; i++) {
      // A visitor may burst 60 requests; a fresh one every 40 tasks stays inside the per-visitor limit.
      if (i > 0 && i % 40 === 0) v = await visitorSession();
      const { id } = await (await v.call('POST', '/handoffs', newHandoff(`race@${i}`))).json();
      const results = await Promise.all([1, 2].map(() => t.api(`/handoffs/${id}/claim`, { method: 'POST' })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect((await loser.json()).error.code).toBe('handoff.already_claimed');
      wins++;
    }
    expect(wins).toBe(100);
  });

  it('times a handoff out with h:timeout when nobody claims it', async () => {
    const v = await visitorSession();
    const { id } = await (await v.call('POST', '/handoffs', newHandoff('slow@1', Date.now() + 300))).json();
    const events = await v.events();
    expect((await events.next((e) => e.event === 'delivery', 15_000)).data).toMatchObject({
      handoffId: id,
      event: { type: 'h:timeout' },
    });
    expect((await t.api(`/handoffs/${id}/claim`, { method: 'POST' })).status).toBe(409);
    events.close();
  });

  it('hides a handoff from another organisation and from other visitors', async () => {
    const v = await visitorSession();
    const other = await visitorSession();
    const { id } = await (await v.call('POST', '/handoffs', newHandoff())).json();
    const rival = (path: string, method = 'GET') =>
      t.api(path, { method, token: otherOrgToken, body: method === 'POST' ? {} : undefined });
    expect((await rival(`/handoffs/${id}`)).status).toBe(404);
    expect((await rival(`/handoffs/${id}/claim`, 'POST')).status).toBe(404);
    expect((await (await rival('/handoffs?status=waiting')).json()).handoffs).toEqual([]);
    expect((await other.call('POST', `/handoffs/${id}/messages`, { text: 'not mine' })).status).toBe(404);
  });
});
