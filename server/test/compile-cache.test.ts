import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir } from './temp-data-dir.ts';
import { brokenScenario, scenario, startTestServer } from './test-server.ts';

describe('the compile cache', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  const config = () => ({ dataDir: data.dir, publicUrl: 'http://chatlet.test' });

  beforeAll(async () => {
    data = await makeDataDir();
  });

  afterAll(async () => {
    await data?.remove();
  });

  it('survives a restart: the same scenario is not compiled again, failing ones included', async () => {
    let t = await startTestServer(config());
    let botId: string;
    try {
      botId = (await (await t.api('/bots', { method: 'POST', body: { name: 'Cached', scenario: scenario('kept') } })).json()).id;
      expect((await t.api(`/bots/${botId}/publish`, { method: 'POST' })).status).toBe(201);
      await t.api(`/bots/${botId}/scenario`, { method: 'PUT', body: brokenScenario() });
      expect(t.server.running.compiler.stats.compiles).toBe(2);
    } finally {
      await t.stop();
    }

    t = await startTestServer(config());
    try {
      expect((await t.api(`/bots/${botId}/publish`, { method: 'POST' })).status).toBe(422);
      await t.api(`/bots/${botId}/scenario`, { method: 'PUT', body: scenario('kept') });
      const published = await (await t.api(`/bots/${botId}/publish`, { method: 'POST' })).json();
      expect(published.version).toBe(2);
      expect(t.server.running.compiler.stats).toEqual({ compiles: 0, cacheHits: 3 });
      const versions = (await (await t.api(`/bots/${botId}/versions`)).json()).versions;
      expect(versions[0].hash).toBe(versions[1].hash);
    } finally {
      await t.stop();
    }
  });
});
