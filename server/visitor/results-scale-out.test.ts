import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests, startPostgres, type PostgresServer } from '../test/postgres-server.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { hashOf, postReport, report, resultsScenario } from './results-testing.ts';
import { eventually, startWebhookReceiver, visitorId } from './testing.ts';

const bin = await postgresForTests('the results scale-out test (two instances on one PostgreSQL)');
const RESULTS = 200;

describe.runIf(bin)('two instances on one PostgreSQL: results', () => {
  let pg: PostgresServer;
  let a: TestServer;
  let b: TestServer;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let botId: string;
  const doc = resultsScenario(['email']);

  beforeAll(async () => {
    pg = await startPostgres(bin!);
    hook = await startWebhookReceiver();
    const shared = { databaseUrl: await pg.newDatabase(), adminToken: 'results-scale-out', jobs: { pollMs: 50 } };
    const started = await Promise.allSettled([startTestServer(shared), startTestServer(shared)]);
    [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined!));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const bot = await (await a.api('/bots', { method: 'POST', body: { name: 'Leads', scenario: doc } })).json();
    expect((await a.api(`/bots/${bot.id}/publish`, { method: 'POST' })).status).toBe(201);
    const settings = { webhookUrl: hook.url, webhookSecret: hook.secret };
    expect((await a.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: settings })).status).toBe(200);
    botId = bot.id;
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pg?.stop();
    await hook?.close();
  });

  it('calls the webhook exactly once per result when both instances take completions of the same results at once', async () => {
    const res = await fetch(`${a.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId, visitorId: visitorId() }),
    });
    const { token } = await res.json();
    const reports = Array.from({ length: RESULTS }, (_, i) =>
      report({ scenario: hashOf(doc), path: ['ask_email', 'ask_name', 'done'], variables: { email: `l${i}@x.io` } }),
    );
    // Each result is completed by two reports at once, one to each instance (two tabs, or a retry after a timeout).
    for (let i = 0; i < RESULTS; i += 20) {
      const statuses = await Promise.all(
        reports
          .slice(i, i + 20)
          .flatMap((r) => [
            postReport(a.url, token, { ...r, seq: 1, completed: true }),
            postReport(b.url, token, { ...r, seq: 2, completed: true }),
          ]),
      );
      expect(statuses.map((s) => s.status).filter((s) => s !== 204)).toEqual([]);
    }

    const ids = () => hook.calls.map((c) => c.body.result.id as string);
    await eventually(() => new Set(ids()).size === RESULTS, 60_000, 'a webhook for every result');
    // A second call of any result would be queued by now: one more completed result's call comes after it.
    const last = report({ scenario: hashOf(doc), path: ['done'], completed: true });
    await postReport(b.url, token, last);
    await eventually(() => ids().includes(last.id), 30_000, 'the last webhook');
    expect(
      ids()
        .filter((id) => id !== last.id)
        .sort(),
    ).toEqual(reports.map((r) => r.id).sort());
    expect(hook.calls.every((c) => c.signatureValid)).toBe(true);
    const stored = await a.server.running.store.listResults(botId, { completed: true }, { limit: 200 });
    expect(stored.results.filter((r) => r.id !== last.id && r.seq !== 2)).toEqual([]);
  });
});
