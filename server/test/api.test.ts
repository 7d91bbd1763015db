import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenScenario, looksLikeStack, scenario, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
/** Every body any test received, checked for stack traces at the end. */
const bodies: string[] = [];

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

async function json(res: Response): Promise<any> {
  const text = await res.text();
  bodies.push(text);
  return JSON.parse(text);
}

async function createBot(name = 'Bot', doc: unknown = scenario()) {
  const res = await t.api('/bots', { method: 'POST', body: { name, scenario: doc } });
  expect(res.status).toBe(201);
  return json(res);
}

describe('bots', () => {
  it('creates a bot with a short url-safe id and returns it with its draft', async () => {
    const bot = await createBot('Lead capture');
    expect(bot.id).toMatch(/^b_[A-Za-z0-9]{12}$/);
    expect(bot).toMatchObject({
      name: 'Lead capture',
      published: null,
      draft: { scenario: scenario(), diagnostics: [] },
    });
    // Without PUBLIC_URL, URLs name the address the request was sent to (here 127.0.0.1), as an author typed it.
    expect(bot.scriptUrl).toBe(`${t.url}/bots/${bot.id}.js`);
  });

  it('creates a bot from a name alone with a starter scenario that compiles', async () => {
    const res = await t.api('/bots', { method: 'POST', body: { name: 'Empty' } });
    const bot = await json(res);
    expect(res.status).toBe(201);
    expect(bot.draft.diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    const published = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect(published.status).toBe(201);
  });

  it("reads one bot and lists the organisation's bots", async () => {
    const bot = await createBot('Listed');
    const one = await json(await t.api(`/bots/${bot.id}`));
    expect(one).toEqual(bot);
    const list = await json(await t.api('/bots'));
    const listed = list.bots.find((b: any) => b.id === bot.id);
    expect(listed).toMatchObject({ name: 'Listed', draft: { errors: 0, warnings: 0 } });
    expect(listed.draft.scenario).toBeUndefined();
  });

  it('renames a bot', async () => {
    const bot = await createBot('Before');
    const res = await t.api(`/bots/${bot.id}`, { method: 'PATCH', body: { name: 'After' } });
    expect((await json(res)).name).toBe('After');
  });

  it('stores hostile names verbatim and returns them as JSON', async () => {
    const names = [
      '<script>alert(1)</script>',
      "'; DROP TABLE bots; --",
      '"quoted" \\ backslash',
      '😀 \u2028 \u202e rtl',
      'x'.repeat(200),
    ];
    for (const name of names) {
      const bot = await createBot(name);
      expect(bot.name).toBe(name);
      expect((await json(await t.api(`/bots/${bot.id}`))).name).toBe(name);
    }
    const list = await json(await t.api('/bots'));
    for (const name of names) expect(list.bots.map((b: any) => b.name)).toContain(name);
  });

  it('answers odd ids in URLs with 404, NUL and SQL included', async () => {
    for (const id of ['%00', "x'%3B%20drop%20table%20bots%3B--", '%3Cscript%3E', 'a'.repeat(300), '%F0%9F%98%80']) {
      const res = await t.api(`/bots/${id}`);
      expect([id, res.status]).toEqual([id, 404]);
      expect((await json(res)).error.code).toBe('bot.not_found');
    }
  });

  it('keeps NUL and other odd characters inside a scenario exactly, and still reports its diagnostics', async () => {
    const bot = await createBot();
    const doc = {
      ...scenario('nul \u0000 here'),
      nodes: [{ id: 'a\u0000b', type: 'message', text: '\u0000 <script>', next: 'missing\u0000' }],
      start: 'a\u0000b',
    };
    const res = await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: doc });
    const saved = await json(res);
    expect(res.status).toBe(200);
    expect(saved.diagnostics.map((d: any) => d.code)).toContain('node.dangling_next');
    expect((await json(await t.api(`/bots/${bot.id}`))).draft.scenario).toEqual(doc);
  });

  it('refuses names that are empty, too long, not strings or contain NUL with a coded 400', async () => {
    for (const name of ['', 'x'.repeat(201), 42, null, 'a\u0000b']) {
      const res = await t.api('/bots', { method: 'POST', body: { name, scenario: scenario() } });
      const body = await json(res);
      expect(res.status).toBe(400);
      expect(body.error.code).toBe('request.invalid');
      expect(body.error.details[0].path).toBe('name');
    }
  });

  it('answers 404 bot.not_found for an unknown bot on every bot route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/bots/b_doesnotexist'],
      ['PATCH', '/bots/b_doesnotexist', { name: 'x' }],
      ['PUT', '/bots/b_doesnotexist/scenario', scenario()],
      ['POST', '/bots/b_doesnotexist/publish'],
      ['GET', '/bots/b_doesnotexist/versions'],
      ['GET', '/bots/b_doesnotexist/versions/1'],
      ['POST', '/bots/b_doesnotexist/versions/1/restore'],
    ];
    for (const [method, path, body] of routes) {
      const res = await t.api(path, { method, body });
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect((await json(res)).error.code).toBe('bot.not_found');
    }
  });
});

describe('drafts, publishing and versions', () => {
  it('saves a draft that has errors and returns its diagnostics', async () => {
    const bot = await createBot();
    const res = await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: brokenScenario() });
    const saved = await json(res);
    expect(res.status).toBe(200);
    expect(saved.ok).toBe(false);
    expect(saved.diagnostics.map((d: any) => d.code)).toContain('node.dangling_next');
    const read = await json(await t.api(`/bots/${bot.id}`));
    expect(read.draft.scenario).toEqual(brokenScenario());
    expect(read.draft.diagnostics).toEqual(saved.diagnostics);
  });

  it('refuses a draft body that is not a JSON object', async () => {
    const bot = await createBot();
    for (const body of ['[1,2]', '"text"']) {
      const res = await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body });
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('request.invalid');
    }
    const noType = await t.api(`/bots/${bot.id}/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(noType.status).toBe(400);
  });

  it('refuses to publish a draft with errors: 422 compile.failed with the diagnostics, and no version', async () => {
    const bot = await createBot('Broken', brokenScenario());
    const res = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    const body = await json(res);
    expect(res.status).toBe(422);
    expect(body.error.code).toBe('compile.failed');
    expect(body.error.diagnostics.map((d: any) => d.code)).toContain('node.dangling_next');
    expect((await json(await t.api(`/bots/${bot.id}/versions`))).versions).toEqual([]);
  });

  it('publishes immutable versions numbered 1, 2, 3 and lists them newest first', async () => {
    const bot = await createBot();
    const published = [];
    for (const text of ['one', 'two', 'three']) {
      await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario(text) });
      const res = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
      expect(res.status).toBe(201);
      published.push(await json(res));
    }
    expect(published.map((p) => p.version)).toEqual([1, 2, 3]);
    expect(published[2].bundleUrl).toBe(`${t.url}/bots/${bot.id}/${published[2].hash}.js`);
    expect(new Set(published.map((p) => p.hash)).size).toBe(3);

    const { versions } = await json(await t.api(`/bots/${bot.id}/versions`));
    expect(versions.map((v: any) => [v.version, v.hash])).toEqual(published.map((p) => [p.version, p.hash]).reverse());
    const v1 = await json(await t.api(`/bots/${bot.id}/versions/1`));
    expect(v1.scenario).toEqual(scenario('one'));
    const read = await json(await t.api(`/bots/${bot.id}`));
    expect(read.published).toMatchObject({ version: 3, hash: published[2].hash });
  });

  it('restores an old version as the draft without publishing it', async () => {
    const bot = await createBot('Restore', scenario('first'));
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario('second') });
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    const res = await t.api(`/bots/${bot.id}/versions/1/restore`, { method: 'POST' });
    const restored = await json(res);
    expect(res.status).toBe(200);
    expect(restored.draft.scenario).toEqual(scenario('first'));
    expect(restored.published.version).toBe(2);
  });

  it('answers 404 version.not_found and 400 for version numbers that are not positive integers', async () => {
    const bot = await createBot();
    const missing = await t.api(`/bots/${bot.id}/versions/7`);
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('version.not_found');
    for (const v of ['0', '-1', '1.5', 'abc', '99999999999']) {
      const res = await t.api(`/bots/${bot.id}/versions/${v}/restore`, { method: 'POST' });
      expect([v, res.status]).toEqual([v, 400]);
    }
  });

  it('compiles a scenario once however often it is saved and published', async () => {
    const bot = await createBot('Cached', scenario('cache me'));
    // Creating a bot only checks it (no bundle): the one compile is this one.
    await t.server.running.compiler.compileForBot(bot.id, scenario('cache me'));
    const before = { ...t.server.running.compiler.stats };
    await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario('cache me') });
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    const after = t.server.running.compiler.stats;
    expect(after.compiles - before.compiles).toBe(0);
    expect(after.cacheHits - before.cacheHits).toBe(3);
  });

  it('makes one version of a draft published four times at once: one 201, then three 200 unchanged', async () => {
    const bot = await createBot('Concurrent', scenario('concurrent'));
    const responses = await Promise.all([1, 2, 3, 4].map(() => t.api(`/bots/${bot.id}/publish`, { method: 'POST' })));
    const bodies = await Promise.all(responses.map((r) => json(r)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(bodies.map((b) => [b.version, b.unchanged]).sort()).toEqual([
      [1, false],
      [1, true],
      [1, true],
      [1, true],
    ]);
    expect((await json(await t.api(`/bots/${bot.id}/versions`))).versions).toHaveLength(1);
  });
});

describe('compile without saving', () => {
  it('returns ok and diagnostics for a scenario and saves nothing', async () => {
    const before = (await json(await t.api('/bots'))).bots.length;
    const good = await json(await t.api('/compile', { method: 'POST', body: { scenario: scenario() } }));
    expect(good).toEqual({ ok: true, diagnostics: [] });
    const bad = await json(await t.api('/compile', { method: 'POST', body: { scenario: brokenScenario() } }));
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map((d: any) => d.code)).toContain('node.dangling_next');
    expect((await json(await t.api('/bots'))).bots.length).toBe(before);
  });
});

describe('auth', () => {
  it('answers 401 auth.required without a token and auth.invalid_token with a wrong one', async () => {
    const none = await t.api('/bots', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await json(none)).error.code).toBe('auth.required');
    for (const header of [`Bearer ${t.token}x`, `Basic ${t.token}`, 'Bearer', `Bearer ${t.token} extra`]) {
      const res = await fetch(`${t.url}/api/v1/bots`, { headers: { authorization: header } });
      expect([header, res.status]).toEqual([header, 401]);
      expect((await json(res)).error.code).toBe('auth.invalid_token');
    }
  });

  it('checks the token before reading the body', async () => {
    const res = await t.api('/bots', { method: 'POST', token: 'wrong', body: '{not json' });
    expect(res.status).toBe(401);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 request.malformed_json', async () => {
    for (const body of ['{"name": ', '{name: 1}', 'nul']) {
      const res = await t.api('/bots', { method: 'POST', body });
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('request.malformed_json');
    }
  });

  it('answers a body over 2 MB with 413 request.too_large', async () => {
    const big = JSON.stringify({ name: 'big', scenario: { ...scenario(), padding: 'x'.repeat(2 * 1024 * 1024) } });
    const res = await t.api('/bots', { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('request.too_large');
  });

  it('answers unknown routes with 404 route.not_found', async () => {
    const api = await t.api('/nothing-here');
    expect(api.status).toBe(404);
    expect((await json(api)).error.code).toBe('route.not_found');
    const root = await fetch(`${t.url}/nope`);
    expect((await json(root)).error.code).toBe('route.not_found');
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const mine = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const hostile = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': '<script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stays healthy after all of the above, and no response ever carried a stack trace', async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    expect(bodies.length).toBeGreaterThan(40);
    expect(bodies.filter(looksLikeStack)).toEqual([]);
  });
});
