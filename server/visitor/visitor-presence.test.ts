import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoffDetailView } from '../api/response-schemas.ts';
import { scenario, startTestServer, type TestServer } from '../test/test-server.ts';
import { eventually, manualClock, openSse, visitorId, type SseReader } from './testing.ts';

const GRACE_MS = 20_000;

describe('a visitor who leaves during a handoff', () => {
  const clock = manualClock(Date.parse('2026-12-07T10:00:00Z'));
  let t: TestServer;
  let botId: string;
  let managers: SseReader;

  beforeAll(async () => {
    t = await startTestServer({ visitorPresence: { graceMs: GRACE_MS, clock } });
    const bot = await (
      await t.api('/bots', { method: 'POST', body: { name: 'Help', scenario: scenario('help') } })
    ).json();
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    botId = bot.id;
    managers = await openSse(`${t.url}/api/v1/handoffs/events`, { authorization: `Bearer ${t.token}` });
    await managers.next((e) => e.event === 'ready');
  });

  afterAll(async () => {
    managers?.close();
    await t?.stop();
  });

  const presence = () => t.server.running.visitor.hub.presence;
  const handoff = async (id: string) => (await t.api(`/handoffs/${id}`)).json();

  /** A visitor who asked for a human and has the widget's event stream open, as the runtime does. */
  async function visitorInHandoff(key: string) {
    const vid = visitorId();
    const session = await fetch(`${t.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId, visitorId: vid }),
    });
    const { token } = await session.json();
    const created = await fetch(`${t.url}/api/v1/visitor/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        handoffKey: key,
        queue: null,
        timeoutAt: null,
        transcript: [{ from: 'visitor', text: key }],
        variables: {},
      }),
    });
    const { id } = await created.json();
    const open = async () => {
      const stream = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(token)}`);
      await eventually(
        async () => (await handoff(id)).visitorLeftAt === null && stream.status === 200,
        5_000,
        'the stream to open',
      );
      return stream;
    };
    return { id, vid, open };
  }

  /** Closes the stream as a closed tab does, and waits until the server has noticed. */
  async function leave(stream: SseReader) {
    const before = presence().waiting;
    stream.close();
    await eventually(() => presence().waiting > before, 5_000, 'the server to see the stream close');
  }

  it('marks the handoff "visitor left" once the stream stays closed for the grace period, and tells the managers', async () => {
    const v = await visitorInHandoff('gone@1');
    const stream = await v.open();
    const closedAt = clock.now();
    await leave(stream);

    clock.advance(GRACE_MS - 1);
    expect(presence().waiting).toBe(1);
    expect((await handoff(v.id)).visitorLeftAt).toBeNull();

    clock.advance(1);
    const event = await managers.next((e) => e.data.type === 'visitor_left' && e.data.handoffId === v.id);
    expect(event.data.handoff).toMatchObject({
      id: v.id,
      status: 'waiting',
      visitorLeftAt: new Date(closedAt).toISOString(),
    });
    const detail = await handoff(v.id);
    expect(detail.visitorLeftAt).toBe(new Date(closedAt).toISOString());
    // What the API sends is what its OpenAPI schema says.
    expect(HandoffDetailView.strict().parse(detail)).toEqual(detail);
  });

  it('does not mark a visitor who reloads within the grace period', async () => {
    const v = await visitorInHandoff('reload@1');
    await leave(await v.open());
    clock.advance(GRACE_MS / 2);
    const again = await v.open();
    await eventually(() => presence().waiting === 0, 5_000, 'the pending leave to be dropped');

    // No leave check is left to run, so moving time on cannot mark the visitor.
    clock.advance(GRACE_MS * 3);
    expect((await handoff(v.id)).visitorLeftAt).toBeNull();
    expect(managers.events.some((e) => e.data.handoffId === v.id && e.data.type === 'visitor_left')).toBe(false);
    again.close();
  });

  it('clears the mark when the visitor comes back after the grace period', async () => {
    const v = await visitorInHandoff('back@1');
    await leave(await v.open());
    clock.advance(GRACE_MS);
    await managers.next((e) => e.data.type === 'visitor_left' && e.data.handoffId === v.id);

    const again = await v.open();
    const back = await managers.next((e) => e.data.type === 'visitor_back' && e.data.handoffId === v.id);
    expect(back.data.handoff).toMatchObject({ id: v.id, visitorLeftAt: null });
    expect((await handoff(v.id)).visitorLeftAt).toBeNull();
    again.close();
  });

  it('lists waiting visitors who left after those still there, and closes such a task in one call', async () => {
    const gone = await visitorInHandoff('order@gone');
    const here = await visitorInHandoff('order@here');
    const hereStream = await here.open();
    await leave(await gone.open());
    clock.advance(GRACE_MS);
    await managers.next((e) => e.data.type === 'visitor_left' && e.data.handoffId === gone.id);

    const queue = (await (await t.api('/handoffs?status=waiting')).json()).handoffs.map((h: any) => h.id);
    expect(queue.indexOf(here.id)).toBeLessThan(queue.indexOf(gone.id));

    const closed = await t.api(`/handoffs/${gone.id}/resolve`, {
      method: 'POST',
      body: { outcome: 'unresolved', note: 'Visitor left' },
    });
    expect(await closed.json()).toMatchObject({ status: 'resolved', outcome: 'unresolved' });
    hereStream.close();
  });
});
