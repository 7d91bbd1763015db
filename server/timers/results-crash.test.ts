import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultReport } from '../../rest/index.ts';
import { crashServer } from './test/crash-server.ts';
import { hashOf, postReport, report, resultsScenario } from '../visitor/results-testing.ts';
import { startWebhookReceiver, visitorId } from '../visitor/testing.ts';

const TOKEN = 'results-crash-test-token';
const RESULTS = 300;
const BATCH = 25;

// The restarted server must retry webhook jobs the killed one had taken: short expiry and maintenance make that quick.
process.env.CHATLET_JOB_EXPIRE_SECONDS = '3';
process.env.CHATLET_JOB_MAINTENANCE_SECONDS = '1';
process.env.RATE_LIMITS = 'off';

describe('result.completed webhooks across a kill -9', () => {
  const crash = crashServer(TOKEN);

  it('calls the webhook for each of 300 completed results, none missing, when the server is killed while they come in', async () => {
    const hook = await startWebhookReceiver();
    const { api } = crash;
    await crash.start();
    const doc = resultsScenario(['email']);
    const bot = await (await api('/bots', { name: 'Leads', scenario: doc })).json();
    expect((await api(`/bots/${bot.id}/publish`)).status).toBe(201);
    expect(
      (await api(`/bots/${bot.id}/settings`, { webhookUrl: hook.url, webhookSecret: hook.secret }, 'PATCH')).status,
    ).toBe(200);
    const session = await api('/visitor/session', { botId: bot.id, visitorId: visitorId() });
    const { token } = await session.json();

    const reports: ResultReport[] = Array.from({ length: RESULTS }, (_, i) =>
      report({
        scenario: hashOf(doc),
        path: ['ask_email', 'ask_name', 'done'],
        completed: true,
        variables: { email: `lead${i}@example.com` },
      }),
    );
    // A report that got no 204 stays in the runtime's outbox and is sent again on the next visit: so does this test.
    const unsent = new Set(reports);
    const send = async (batch: ResultReport[]) => {
      const statuses = await Promise.all(
        batch.map((r) =>
          postReport(crash.current.url, token, r).then(
            (res) => res.status,
            () => 0,
          ),
        ),
      );
      batch.forEach((r, i) => statuses[i] === 204 && unsent.delete(r));
    };

    // Killed halfway, while reports are arriving and the first webhooks are being queued and sent.
    for (let i = 0; i < RESULTS / 2; i += BATCH) await send(reports.slice(i, i + BATCH));
    const inFlight = send(reports.slice(RESULTS / 2, RESULTS / 2 + BATCH));
    crash.current.kill9();
    await inFlight;
    await crash.current.exited;
    expect(hook.calls.length).toBeLessThan(RESULTS);

    await crash.start();
    while (unsent.size > 0) await send([...unsent].slice(0, BATCH));
    // Reports sent again after the restart (a reload that repeats the last one) queue nothing more.
    await send(reports.slice(0, BATCH).map((r) => ({ ...r, seq: 1 })));

    const distinct = () => new Set(hook.calls.map((c) => c.body.result.id)).size;
    const deadline = Date.now() + 60_000;
    while (distinct() < RESULTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // A call doubled by a job retried after the kill would come right behind the rest.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(distinct()).toBe(RESULTS);
    expect(new Set(hook.calls.map((c) => c.body.result.id))).toEqual(new Set(reports.map((r) => r.id)));
    expect(hook.calls.every((c) => c.signatureValid && c.body.type === 'result.completed')).toBe(true);
    // Only a call whose answer the kill cut off may come twice (receivers dedupe on result.id, as the protocol says).
    expect(hook.calls.length - distinct()).toBeLessThanOrEqual(BATCH);
    await hook.close();
  }, 240_000);
});
