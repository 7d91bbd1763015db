import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

const FIXTURE = new URL('../../../shared/fixtures/bpmn/zeebe-user-task.bpmn', import.meta.url);

describe('POST /api/v1/import/bpmn', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  const post = (body: string, type = 'application/xml', token?: string | null) =>
    t.api('/import/bpmn', { method: 'POST', body, headers: { 'content-type': type }, token });

  it('answers a Camunda file with the scenario and its diagnostics, saving nothing', async () => {
    const res = await post(readFileSync(FIXTURE, 'utf8'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.scenario).toMatchObject({ format: 'chatlet.scenario/1', start: 'Activity_1d6heog' });
    expect(body.diagnostics.filter((x: any) => x.severity === 'error')).toEqual([]);
    const bots = await (await t.api('/bots')).json();
    expect(bots.bots).toEqual([]);
  });

  it('answers a file that is not BPMN with 422 import.failed and the diagnostic', async () => {
    const res = await post('<html><body>nope</body></html>', 'text/xml');
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('import.failed');
    expect(body.error.diagnostics.map((x: any) => x.code)).toEqual(['bpmn.invalid_xml']);
  });

  it('refuses an empty body and an anonymous caller', async () => {
    expect((await post('', 'application/xml')).status).toBe(400);
    expect((await post('<x/>', 'application/xml', null)).status).toBe(401);
  });
});
