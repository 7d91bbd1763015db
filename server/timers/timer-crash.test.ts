import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../test/test-server.ts';
import { crashServer } from './test/crash-server.ts';
import { openSse, startWebhookReceiver, visitorId } from '../visitor/testing.ts';

const TOKEN = 'timer-crash-test-token';
const VISITORS = 10;
const TIMERS_PER_VISITOR = 100;
const HOUR = 3_600_000;

// The restarted server must retry jobs the killed one had taken: short expiry and maintenance make that quick.
process.env.CHATLET_JOB_EXPIRE_SECONDS = '3';
process.env.CHATLET_JOB_MAINTENANCE_SECONDS = '1';
// A thousand PUTs from one address in a few seconds is this test, not abuse.
process.env.RATE_LIMITS = 'off';

describe('long timers across a kill -9', () => {
  const crash = crashServer(TOKEN);

  /**
   * The server runs on a clock this test moves (server/timers/test/clocked-server.ts): the timers are due
   * in an hour, registered at the test's pace, and come due at once when the clock jumps that hour. The
   * kill and the restart are real. `offset` is where the clock starts, relative to the system's.
   */
  const start = (offset: number) =>
    crash.start({ CHATLET_TEST_CLOCK_OFFSET_MS: String(offset), CHATLET_TEST_CLOCK_JUMP_MS: String(HOUR) });

  it('fires each of 1,000 timers exactly once, webhook included, when the server is killed while they are due, then restarted', async () => {
    const hook = await startWebhookReceiver();
    let server = await start(0);
    const { api } = crash;
    const bot = await (await api('/bots', { name: 'Timers', scenario: scenario('timers') })).json();
    expect((await api(`/bots/${bot.id}/publish`)).status).toBe(201);
    expect(
      (await api(`/bots/${bot.id}/settings`, { webhookUrl: hook.url, webhookSecret: hook.secret }, 'PATCH')).status,
    ).toBe(200);

    const tokens: string[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const res = await fetch(`${server.url}/api/v1/visitor/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ botId: bot.id, visitorId: visitorId() }),
      });
      tokens.push((await res.json()).token);
    }

    const dueAt = Date.now() + HOUR;
    const puts: (() => Promise<Response>)[] = [];
    for (const token of tokens) {
      for (let n = 0; n < TIMERS_PER_VISITOR; n++) {
        puts.push(() =>
          fetch(`${server.url}/api/v1/visitor/timers/${encodeURIComponent(`t${n}@${dueAt}`)}`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ dueAt, event: { type: `t:t${n}` } }),
          }),
        );
      }
    }
    const statuses: number[] = [];
    for (let i = 0; i < puts.length; i += 25)
      statuses.push(...(await Promise.all(puts.slice(i, i + 25).map((p) => p()))).map((r) => r.status));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(Date.now()).toBeLessThan(dueAt);

    // Killed just as the timers come due (150 ms after its clock passed them): some batches delivered, some taken
    // but not completed, some not taken. The restarted server's clock is an hour ahead too.
    const pid = Number(/"pid":(\d+)[^\n]*Chatlet is listening/.exec(server.output())![1]);
    process.kill(pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 150));
    server.kill9();
    await server.exited;
    server = await start(HOUR);

    const seen = await Promise.all(
      tokens.map(async (token) => {
        const stream = await openSse(`${server.url}/api/v1/visitor/events?token=${encodeURIComponent(token)}`);
        const deadline = Date.now() + 40_000;
        while (stream.events.length < TIMERS_PER_VISITOR && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        // Anything doubled would arrive right behind the rest.
        await new Promise((r) => setTimeout(r, 1_500));
        stream.close();
        return stream.events.filter((e) => e.event === 'delivery').map((e) => e.data.timerId as string);
      }),
    );
    for (const ids of seen) {
      expect(ids).toHaveLength(TIMERS_PER_VISITOR);
      expect(new Set(ids).size).toBe(TIMERS_PER_VISITOR);
    }
    expect(seen.flat()).toHaveLength(VISITORS * TIMERS_PER_VISITOR);

    // Every firing reaches the webhook, signed. A call whose answer a crash cut off may come again with the same
    // deliveryId (receivers dedupe on it, as the protocol says); none may be missing.
    const deadline = Date.now() + 60_000;
    const distinct = () => new Set(hook.calls.map((c) => c.body.deliveryId)).size;
    while (distinct() < VISITORS * TIMERS_PER_VISITOR && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(distinct()).toBe(VISITORS * TIMERS_PER_VISITOR);
    expect(hook.calls.every((c) => c.signatureValid)).toBe(true);
    expect(new Set(hook.calls.map((c) => `${c.body.visitorId}/${c.body.timerId}`)).size).toBe(
      VISITORS * TIMERS_PER_VISITOR,
    );
    expect(hook.calls.length - distinct()).toBeLessThanOrEqual(20);
    await hook.close();
  }, 240_000);
});
