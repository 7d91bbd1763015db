import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { postReport, report, resultsScenario } from '../visitor/results-testing.ts';
import { visitorId } from '../visitor/testing.ts';
import { simClock } from './test/sim-clock.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Retention on a simulated clock: results are stored at the server's clock time and the hourly sweep is due by it,
 * so 90 days pass in a few job-loop polls. Each step waits for the sweep the clock's jump made due.
 */
describe('results retention', () => {
  const clock = simClock();
  let t: TestServer;
  const sweeps: number[] = [];
  const waiting = new Set<() => void>();

  beforeAll(async () => {
    t = await startTestServer({ clock, jobs: { pollMs: 20 } });
    t.server.running.visitor.retention.onSwept((deleted) => {
      sweeps.push(deleted);
      waiting.forEach((f) => f());
    });
  });

  afterAll(async () => {
    await t?.stop();
  });

  const bot = async (retentionDays?: number) => {
    const doc = resultsScenario(['email']);
    if (retentionDays !== undefined) (doc.settings as any).results.retentionDays = retentionDays;
    const created = await (await t.api('/bots', { method: 'POST', body: { name: 'Kept', scenario: doc } })).json();
    expect((await t.api(`/bots/${created.id}/publish`, { method: 'POST' })).status).toBe(201);
    const session = await fetch(`${t.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId: created.id, visitorId: visitorId() }),
    });
    return { id: created.id as string, token: (await session.json()).token as string };
  };
  const put = async (b: { token: string }) => {
    const r = report({ startedAt: clock.now() });
    expect((await postReport(t.url, b.token, r)).status).toBe(204);
    return r.id;
  };
  const exists = async (botId: string, id: string) => (await t.server.running.store.getResult(botId, id)) !== null;
  /** Moves the server's clock and resolves once the sweep that became due has run. */
  const advance = (ms: number) =>
    new Promise<void>((resolve) => {
      const before = sweeps.length;
      const done = () => {
        if (sweeps.length > before) (waiting.delete(done), resolve());
      };
      waiting.add(done);
      clock.advance(ms);
    });

  it("deletes each bot's results once they are older than its retentionDays, 90 days when it sets none", async () => {
    const short = await bot(2);
    const plain = await bot();
    const first = await put(short);
    const kept = await put(plain);

    await advance(DAY);
    expect(await exists(short.id, first)).toBe(true);
    const second = await put(short);

    // Two days and an hour after the first result: it goes, the one a day younger stays.
    await advance(DAY + HOUR);
    expect(await exists(short.id, first)).toBe(false);
    expect(await exists(short.id, second)).toBe(true);
    expect(await exists(plain.id, kept)).toBe(true);

    await advance(87 * DAY);
    expect(await exists(plain.id, kept)).toBe(true);
    await advance(DAY);
    expect(await exists(plain.id, kept)).toBe(false);
    expect(await exists(short.id, second)).toBe(false);
  });
});
