import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../store/types.ts';
import { scenario, startTestServer, type TestServer } from '../test/test-server.ts';
import { openSse, visitorId } from '../visitor/testing.ts';
import { simClock } from './test/sim-clock.ts';

const DAY = 864e5;

/**
 * Long timers on a simulated clock: the server decides what is due by its clock, not by the
 * database's, so a timer due in a day or in 40 days (above setTimeout's 2^31−1 ms, which a row never
 * minds) is tested in the milliseconds of a few job-loop polls. Each statement that delivers timers
 * is one `onFired` batch, so "not yet due" is seen in the very statement that delivered a timer due
 * a millisecond earlier, not by waiting to see that nothing happens.
 */
describe('long timers on the server clock', () => {
  const clock = simClock();
  let t: TestServer;
  let botId: string;
  const batches: string[][] = [];
  const heard = new Set<() => void>();

  beforeAll(async () => {
    t = await startTestServer({ clock, jobs: { pollMs: 20 } });
    const bot = await (await t.api('/bots', { method: 'POST', body: { name: 'Clock', scenario: scenario() } })).json();
    expect((await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).status).toBe(201);
    botId = bot.id;
    t.server.running.visitor.timers.onFired((d: Delivery[]) => {
      batches.push(d.map((x) => x.ref));
      heard.forEach((f) => f());
    });
  });

  afterAll(async () => {
    await t?.stop();
  });

  const visitor = (path: string, method: string, token?: string, body?: unknown) =>
    fetch(`${t.url}/api/v1/visitor${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Resolves with the first delivery statement that includes timer `id`, once there is one. */
  const batchWith = (id: string) =>
    new Promise<string[]>((resolve) => {
      const look = () => {
        const batch = batches.find((b) => b.includes(id));
        if (batch) (heard.delete(look), resolve(batch));
      };
      heard.add(look);
      look();
    });

  for (const [name, ms] of [
    ['a day', DAY],
    ['40 days', 40 * DAY],
  ] as const) {
    it(`keeps a timer due in ${name} until the server's clock passes its due time, then delivers it once`, async () => {
      const { token } = await (await visitor('/session', 'POST', undefined, { botId, visitorId: visitorId() })).json();
      const stream = await openSse(`${t.url}/api/v1/visitor/events?token=${encodeURIComponent(token)}`);
      const due = clock.now() + ms;
      const late = `late@${due}`;
      const probe = `probe@${due - 1}`;
      for (const [id, at] of [
        [late, due],
        [probe, due - 1],
      ] as const)
        expect(
          (await visitor(`/timers/${encodeURIComponent(id)}`, 'PUT', token, { dueAt: at, event: { type: 't:x' } }))
            .status,
        ).toBe(201);

      // At the due time itself, the probe (due a millisecond earlier) goes; the timer, taken only once its time has passed, does not.
      clock.advance(ms);
      expect(await batchWith(probe)).not.toContain(late);
      clock.advance(1);
      await batchWith(late);
      await stream.next((e) => e.event === 'delivery' && e.data.timerId === late);
      const delivered = stream.events.filter((e) => e.event === 'delivery').map((e) => e.data.timerId);
      expect(delivered.sort()).toEqual([late, probe].sort());
      expect(batches.flat().filter((ref) => ref === late)).toEqual([late]);
      stream.close();
    });
  }
});
