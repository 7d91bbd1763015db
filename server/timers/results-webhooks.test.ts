import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { hashOf, postReport, report, resultsScenario } from '../visitor/results-testing.ts';
import { eventually, startWebhookReceiver, visitorId } from '../visitor/testing.ts';

describe('the result.completed webhook', () => {
  let t: TestServer;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let botId: string;
  const doc = resultsScenario(['email']);

  beforeAll(async () => {
    // The receiver answers 500 to the first call: the first webhook is sent again after the queue's backoff.
    hook = await startWebhookReceiver({ fail: 1 });
    t = await startTestServer({ jobs: { pollMs: 50, webhookRetryDelaySeconds: 1 } });
    const bot = await (await t.api('/bots', { method: 'POST', body: { name: 'Leads', scenario: doc } })).json();
    expect((await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).status).toBe(201);
    const settings = { webhookUrl: hook.url, webhookSecret: hook.secret };
    expect((await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: settings })).status).toBe(200);
    botId = bot.id;
  });

  afterAll(async () => {
    await t?.stop();
    await hook?.close();
  });

  const session = async () => {
    const vid = visitorId();
    const res = await fetch(`${t.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId, visitorId: vid }),
    });
    return { vid, token: (await res.json()).token as string };
  };
  const callsFor = (id: string) => hook.calls.filter((c) => c.body.result?.id === id);

  it('calls the webhook once per completed result, signed, with the result, after retrying a 500', async () => {
    const s = await session();
    const r = report({
      scenario: hashOf(doc),
      path: ['ask_email'],
      variables: { email: 'ann@example.com', name: 'Ann' },
    });
    expect((await postReport(t.url, s.token, r)).status).toBe(204);
    const done = { ...r, seq: 1, path: ['ask_email', 'ask_name', 'done'], completed: true };
    expect((await postReport(t.url, s.token, done)).status).toBe(204);
    // Completed again, by a later report and by the same one sent twice: still one webhook.
    expect((await postReport(t.url, s.token, { ...done, seq: 2 })).status).toBe(204);
    expect((await postReport(t.url, s.token, { ...done, seq: 2 })).status).toBe(204);

    await eventually(() => callsFor(r.id).length > 0, 30_000, 'the result.completed webhook');
    const [call] = callsFor(r.id);
    expect(call.signatureValid).toBe(true);
    expect(call.body).toEqual({
      type: 'result.completed',
      botId,
      result: {
        id: r.id,
        visitorId: s.vid,
        version: 1,
        startedAt: new Date(r.startedAt).toISOString(),
        updatedAt: expect.any(String),
        completed: true,
        handoff: false,
        lastNodeId: 'done',
        path: ['ask_email', 'ask_name', 'done'],
        variables: { email: 'ann@example.com' },
      },
    });

    // A second result completed afterwards gets its own call; by then a second call of the first would be queued too.
    const next = report({ scenario: hashOf(doc), path: ['ask_email', 'ask_name', 'done'], completed: true });
    expect((await postReport(t.url, s.token, next)).status).toBe(204);
    await eventually(() => callsFor(next.id).length > 0, 30_000, 'the second webhook');
    expect(callsFor(r.id)).toHaveLength(1);
    expect(callsFor(next.id)).toHaveLength(1);
  });

  it('does not call the webhook for a conversation that was abandoned', async () => {
    const s = await session();
    const abandoned = report({ scenario: hashOf(doc), path: ['ask_email', 'ask_name'] });
    const completed = report({ scenario: hashOf(doc), path: ['ask_email', 'ask_name', 'done'], completed: true });
    expect((await postReport(t.url, s.token, abandoned)).status).toBe(204);
    expect((await postReport(t.url, s.token, completed)).status).toBe(204);
    await eventually(() => callsFor(completed.id).length > 0, 30_000, 'the completed result’s webhook');
    expect(callsFor(abandoned.id)).toEqual([]);
  });
});
