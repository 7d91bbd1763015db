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
      botId = (
        await (await t.api('/bots', { method: 'POST', body: { name: 'Cached', scenario: scenario('kept') } })).json()
      ).id;
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
      // The same scenario compiles to the bundle already live: version 1 stays, with nothing compiled anew.
      const published = await (await t.api(`/bots/${botId}/publish`, { method: 'POST' })).json();
      expect(published).toMatchObject({ version: 1, unchanged: true });
      expect(t.server.running.compiler.stats).toEqual({ compiles: 0, cacheHits: 3 });
      expect((await (await t.api(`/bots/${botId}/versions`)).json()).versions).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });
});
