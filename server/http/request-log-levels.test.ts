import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { hashOf, postReport, report, resultsScenario } from '../visitor/results-testing.ts';
import { visitorId } from '../visitor/testing.ts';

describe('request log lines at the info level', () => {
  const lines: { msg: string; path?: string; status?: number }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ logger: pino({ level: 'info' }, sink) });
  });

  afterAll(async () => {
    await t?.stop();
  });

  const requestLines = (path: string) => lines.filter((l) => l.msg === 'request' && l.path === path);

  it('leaves out the visitors’ hot paths (bundles, result reports) and keeps one line for every owner call', async () => {
    const doc = resultsScenario(['email']);
    const bot = await (await t.api('/bots', { method: 'POST', body: { name: 'Leads', scenario: doc } })).json();
    expect((await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).status).toBe(201);
    const session = await fetch(`${t.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId: bot.id, visitorId: visitorId() }),
    });
    const { token } = await session.json();
    for (let i = 0; i < 3; i++)
      expect((await postReport(t.url, token, report({ scenario: hashOf(doc) }))).status).toBe(204);
    expect((await fetch(`${t.url}/bots/${bot.id}.js`)).status).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(requestLines('/api/v1/visitor/results')).toEqual([]);
    expect(requestLines(`/bots/${bot.id}.js`)).toEqual([]);
    expect(requestLines('/api/v1/bots')).toHaveLength(1);
    expect(requestLines(`/api/v1/bots/${bot.id}/publish`)).toMatchObject([{ status: 201 }]);
  });
});
