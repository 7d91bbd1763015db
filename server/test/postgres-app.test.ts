import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests, startPostgres, type PostgresServer } from './postgres-server.ts';
import { scenario, startTestServer, type TestServer } from './test-server.ts';

const bin = await postgresForTests('two server instances on one PostgreSQL');

describe.runIf(bin)('two server instances on one PostgreSQL (DATABASE_URL)', () => {
  let pg: PostgresServer;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    pg = await startPostgres(bin!);
    const databaseUrl = await pg.newDatabase();
    const shared = {
      databaseUrl,
      publicUrl: 'http://chatlet.test',
      adminToken: 'shared-admin-token',
      bundleCacheTtlMs: 200,
    };
    // Started together: the migration lock must let exactly one of them migrate.
    const started = await Promise.allSettled([startTestServer(shared), startTestServer(shared)]);
    [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined!));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pg?.stop();
  });

  it('serves on one instance what was published on the other, within the bundle cache TTL', async () => {
    const bot = await (
      await a.api('/bots', { method: 'POST', body: { name: 'Shared', scenario: scenario('shared') } })
    ).json();
    expect((await fetch(`${b.url}/bots/${bot.id}.js`)).status).toBe(404);
    const published = await (await a.api(`/bots/${bot.id}/publish`, { method: 'POST' })).json();
    expect(published.version).toBe(1);

    const deadline = Date.now() + 5_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await fetch(`${b.url}/bots/${bot.id}.js`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    const fromB = await fetch(`${b.url}/bots/${bot.id}/${published.hash}.js`);
    const fromA = await fetch(`${a.url}/bots/${bot.id}/${published.hash}.js`);
    expect(await fromB.text()).toBe(await fromA.text());
    expect((await (await b.api(`/bots/${bot.id}/versions`)).json()).versions).toHaveLength(1);
  });

  it('makes one version of a draft both instances publish at once, and numbers each changed draft next, without gaps', async () => {
    const bot = await (
      await a.api('/bots', { method: 'POST', body: { name: 'Both', scenario: scenario('both') } })
    ).json();
    for (let round = 1; round <= 4; round++) {
      if (round > 1) {
        const editor = round % 2 ? a : b;
        const put = await editor.api(`/bots/${bot.id}/scenario`, {
          method: 'PUT',
          body: scenario(`both, draft ${round}`),
        });
        expect(put.status).toBe(200);
      }
      const responses = await Promise.all(
        [a, b, a, b].map((server) => server.api(`/bots/${bot.id}/publish`, { method: 'POST' })),
      );
      const bodies = await Promise.all(responses.map((r) => r.json()));
      expect(bodies.map((x) => [x.version, x.unchanged]).sort()).toEqual([
        [round, false],
        [round, true],
        [round, true],
        [round, true],
      ]);
    }
    const versions = (await (await b.api(`/bots/${bot.id}/versions`)).json()).versions;
    expect(versions.map((v: { version: number }) => v.version).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe.runIf(bin)('bundle caches of two instances on one PostgreSQL, kept fresh by NOTIFY', () => {
  let pg: PostgresServer;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    pg = await startPostgres(bin!);
    // A cache TTL of ten minutes: only the notification can make B see A's changes within this test.
    const shared = { databaseUrl: await pg.newDatabase(), adminToken: 'shared-admin-token', bundleCacheTtlMs: 600_000 };
    a = await startTestServer(shared);
    b = await startTestServer(shared);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pg?.stop();
  });

  async function statusOn(server: TestServer, path: string, want: number, withinMs = 3_000): Promise<number> {
    const deadline = Date.now() + withinMs;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(`${server.url}${path}`)).status;
      if (status === want) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return status;
  }

  it('shows a publish, an unpublish and a delete on A at once on B, although B had cached the opposite', async () => {
    const bot = await (
      await a.api('/bots', { method: 'POST', body: { name: 'Notified', scenario: scenario('notify') } })
    ).json();
    expect((await fetch(`${b.url}/bots/${bot.id}.js`)).status).toBe(404);
    const v1 = await (await a.api(`/bots/${bot.id}/publish`, { method: 'POST' })).json();
    expect(await statusOn(b, `/bots/${bot.id}.js`, 200)).toBe(200);
    expect((await fetch(`${b.url}/bots/${bot.id}/${v1.hash}.js`)).status).toBe(200);

    await a.api(`/bots/${bot.id}/unpublish`, { method: 'POST' });
    expect(await statusOn(b, `/bots/${bot.id}.js`, 404)).toBe(404);
    expect(await statusOn(b, `/bots/${bot.id}/${v1.hash}.js`, 404)).toBe(404);

    await a.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect(await statusOn(b, `/bots/${bot.id}.js`, 200)).toBe(200);
    await a.api(`/bots/${bot.id}`, { method: 'DELETE' });
    expect(await statusOn(b, `/bots/${bot.id}.js`, 404)).toBe(404);
  });

  it('shares sessions: a login on A works on B', async () => {
    await a.api('/users', {
      method: 'POST',
      body: { email: 'shared@example.com', password: 'long enough', role: 'editor' },
    });
    const res = await fetch(`${a.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'shared@example.com', password: 'long enough' }),
    });
    const cookie = res.headers.getSetCookie()[0].split(';')[0];
    const onB = await fetch(`${b.url}/api/v1/session`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect((await onB.json()).user.email).toBe('shared@example.com');
  });
});
