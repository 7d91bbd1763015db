import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenScenario, scenario, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

async function createBot(doc: unknown = scenario(), name = 'Bot') {
  const res = await t.api('/bots', { method: 'POST', body: { name, scenario: doc } });
  expect(res.status).toBe(201);
  return res.json();
}

describe('drafts with optimistic concurrency', () => {
  it("gives the draft an ETag, and refuses a save over someone else's newer one with 409 bot.conflict", async () => {
    const bot = await createBot();
    const read = await t.api(`/bots/${bot.id}`);
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^"d\d+"$/);
    expect((await read.json()).draftEtag).toBe(etag);

    const first = await t.api(`/bots/${bot.id}/scenario`, {
      method: 'PUT',
      body: scenario('mine'),
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    expect(firstBody.draftEtag).not.toBe(etag);
    expect(first.headers.get('etag')).toBe(firstBody.draftEtag);

    const second = await t.api(`/bots/${bot.id}/scenario`, {
      method: 'PUT',
      body: scenario('theirs'),
      headers: { 'if-match': etag },
    });
    expect(second.status).toBe(409);
    const error = (await second.json()).error;
    expect(error.code).toBe('bot.conflict');
    expect(error.message).toMatch(/someone else saved this bot since you opened it/i);
    expect((await (await t.api(`/bots/${bot.id}`)).json()).draft.scenario).toEqual(scenario('mine'));

    // Carrying on from the new ETag works; automation without If-Match always saves; `*` matches any draft.
    expect(
      (
        await t.api(`/bots/${bot.id}/scenario`, {
          method: 'PUT',
          body: scenario('next'),
          headers: { 'if-match': firstBody.draftEtag },
        })
      ).status,
    ).toBe(200);
    expect((await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario('script') })).status).toBe(200);
    expect(
      (await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario('any'), headers: { 'if-match': '*' } }))
        .status,
    ).toBe(200);
    expect(
      (
        await t.api(`/bots/${bot.id}/scenario`, {
          method: 'PUT',
          body: scenario('junk'),
          headers: { 'if-match': '"garbage"' },
        })
      ).status,
    ).toBe(409);
  });

  it('lets exactly one of two editors saving from the same ETag win', async () => {
    const bot = await createBot();
    const etag = (await t.api(`/bots/${bot.id}`)).headers.get('etag')!;
    const saves = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario(text), headers: { 'if-match': etag } }),
      ),
    );
    expect(saves.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });
});

describe('preview', () => {
  it('compiles the draft, or a scenario sent, into a bundle for the bot preview-<id>, publishing nothing', async () => {
    const bot = await createBot(scenario('draft text'));
    const draft = await t.api(`/bots/${bot.id}/preview`, { method: 'POST' });
    expect(draft.status).toBe(200);
    expect(draft.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await draft.text();
    expect(code).toContain('draft text');
    expect(code).toContain(`preview-${bot.id}`);

    const sent = await (await t.api(`/bots/${bot.id}/preview`, { method: 'POST', body: scenario('sent text') })).text();
    expect(sent).toContain('sent text');
    const wrapped = await (
      await t.api(`/bots/${bot.id}/preview`, { method: 'POST', body: { scenario: scenario('wrapped text') } })
    ).text();
    expect(wrapped).toContain('wrapped text');

    expect((await (await t.api(`/bots/${bot.id}/versions`)).json()).versions).toEqual([]);
    expect((await fetch(`${t.url}/bots/${bot.id}.js`)).status).toBe(404);
    expect((await (await t.api(`/bots/${bot.id}`)).json()).draft.scenario).toEqual(scenario('draft text'));
  });

  it('builds a preview of a bot with a long timer and a handoff that never calls the server, which would refuse it', async () => {
    const bot = await createBot();
    const calling = {
      ...scenario('hello'),
      nodes: [
        { id: 'a', type: 'delay', duration: 'P1D', next: 'h' },
        { id: 'h', type: 'handoff', next: 'b', onTimeout: 'b' },
        { id: 'b', type: 'end', text: 'bye' },
      ],
      start: 'a',
    };
    const preview = await (await t.api(`/bots/${bot.id}/preview`, { method: 'POST', body: calling })).text();
    expect(preview).not.toContain('/api/v1/visitor');
    // The same scenario, published, does call home: the preview's silence is the preview's, not the scenario's.
    await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: calling });
    expect((await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).status).toBe(201);
    expect(await (await fetch(`${t.url}/bots/${bot.id}.js`)).text()).toContain('/api/v1/visitor');
  });

  it('answers a scenario with errors with 422 and its diagnostics', async () => {
    const bot = await createBot();
    const res = await t.api(`/bots/${bot.id}/preview`, { method: 'POST', body: brokenScenario() });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('compile.failed');
    expect(error.diagnostics.map((d: any) => d.code)).toContain('node.dangling_next');
  });
});

describe('settings', () => {
  it('stores allowed origins, webhook and threshold, shows the secret only as set, and validates each', async () => {
    const bot = await createBot();
    const res = await t.api(`/bots/${bot.id}/settings`, {
      method: 'PATCH',
      body: {
        allowedOrigins: ['https://www.acme.example', 'http://localhost:8080'],
        webhookUrl: 'https://hooks.acme.example/chatlet',
        webhookSecret: 'a-very-long-secret-1234',
        longTimerThreshold: 'PT5M',
      },
    });
    expect(res.status).toBe(200);
    const settings = await res.json();
    expect(settings).toEqual({
      allowedOrigins: ['https://www.acme.example', 'http://localhost:8080'],
      webhookUrl: 'https://hooks.acme.example/chatlet',
      webhookSecretSet: true,
      longTimerThreshold: 'PT5M',
    });
    const read = await (await t.api(`/bots/${bot.id}/settings`)).text();
    expect(read).not.toContain('a-very-long-secret-1234');
    expect(JSON.stringify(await (await t.api(`/bots/${bot.id}`)).json())).not.toContain('a-very-long-secret-1234');

    for (const body of [
      { allowedOrigins: ['https://acme.example/path'] },
      { allowedOrigins: ['acme.example'] },
      { allowedOrigins: ['javascript:alert(1)'] },
      { webhookUrl: 'ftp://acme.example' },
      { webhookUrl: 'https://user:pw@acme.example' },
      { webhookSecret: 'short' },
      { longTimerThreshold: 'five minutes' },
      { longTimerThreshold: 'PT0S' },
      { somethingElse: true },
    ]) {
      const bad = await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body });
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400]);
    }
    const cleared = await (
      await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: { webhookSecret: null, webhookUrl: null } })
    ).json();
    expect(cleared).toMatchObject({ webhookUrl: null, webhookSecretSet: false, longTimerThreshold: 'PT5M' });
  });

  it('feeds the visitor endpoints: origins of the bot and of its published scenario, and the webhook', async () => {
    const bot = await createBot({ ...scenario(), settings: { allowedOrigins: ['https://landing.example'] } });
    await t.api(`/bots/${bot.id}/settings`, {
      method: 'PATCH',
      body: { allowedOrigins: ['https://www.example'], webhookUrl: 'https://h.example', webhookSecret: 'k'.repeat(16) },
    });
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect(await t.server.running.store.botVisitorSettings(bot.id)).toMatchObject({
      orgId: 'o_default',
      allowedOrigins: ['https://www.example', 'https://landing.example'],
      webhookUrl: 'https://h.example',
      webhookSecret: 'k'.repeat(16),
      published: true,
    });
  });

  it("puts the bot's long-timer threshold into the published bundle, over the scenario's", async () => {
    const bot = await createBot({ ...scenario(), settings: { longTimerThreshold: 'PT1M' } });
    await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: { longTimerThreshold: 'PT7H' } });
    const published = await (await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).json();
    const withSetting = await (await fetch(`${t.url}/bots/${bot.id}/${published.hash}.js`)).text();
    await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: { longTimerThreshold: null } });
    const again = await (await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).json();
    expect(again.hash).not.toBe(published.hash);
    // The compiler bakes the threshold in as milliseconds, which the minifier may write as 252e5.
    const sevenHours = /\b(25200000|252e5)\b/;
    expect(withSetting).toMatch(sevenHours);
    const withoutSetting = await (await fetch(`${t.url}/bots/${bot.id}/${again.hash}.js`)).text();
    expect(withoutSetting).not.toMatch(sevenHours);
    // The stored scenario is the author's, untouched.
    expect((await (await t.api(`/bots/${bot.id}/versions/1`)).json()).scenario.settings).toEqual({
      longTimerThreshold: 'PT1M',
    });
  });
});

describe('unpublish and delete', () => {
  it('unpublishes: both script URLs answer the not-published script, versions stay, and a publish serves again', async () => {
    const bot = await createBot(scenario('live'));
    const v1 = await (await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).json();
    expect((await fetch(`${t.url}/bots/${bot.id}.js`)).status).toBe(200);
    expect((await fetch(`${t.url}/bots/${bot.id}/${v1.hash}.js`)).status).toBe(200);

    const res = await t.api(`/bots/${bot.id}/unpublish`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await res.json()).published).toBeNull();
    for (const url of [`${t.url}/bots/${bot.id}.js`, `${t.url}/bots/${bot.id}/${v1.hash}.js`]) {
      const script = await fetch(url);
      expect(script.status).toBe(404);
      expect(await script.text()).toContain('is not published');
    }
    expect((await (await t.api(`/bots/${bot.id}/versions`)).json()).versions).toHaveLength(1);

    const v2 = await (await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).json();
    expect(v2.version).toBe(2);
    expect((await fetch(`${t.url}/bots/${bot.id}.js`)).status).toBe(200);
  });

  it('deletes a bot: it is gone from the API and its scripts answer not published', async () => {
    const bot = await createBot();
    const v1 = await (await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).json();
    expect((await fetch(`${t.url}/bots/${bot.id}.js`)).status).toBe(200);
    expect((await t.api(`/bots/${bot.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/bots/${bot.id}`)).status).toBe(404);
    expect((await t.api(`/bots/${bot.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${t.url}/bots/${bot.id}.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/bots/${bot.id}/${v1.hash}.js`)).status).toBe(404);
    expect((await (await t.api('/bots')).json()).bots.map((b: any) => b.id)).not.toContain(bot.id);
  });
});

describe('export and import', () => {
  it('exports name, settings without the secret, draft and versions, and imports them as a new bot', async () => {
    const bot = await createBot(scenario('v1'), 'Exported <b>bot</b>');
    await t.api(`/bots/${bot.id}/settings`, {
      method: 'PATCH',
      body: { allowedOrigins: ['https://x.example'], webhookSecret: 'w'.repeat(20), longTimerThreshold: 'PT2M' },
    });
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario('draft after v1') });

    const res = await t.api(`/bots/${bot.id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`chatlet-bot-${bot.id}.json`);
    const text = await res.text();
    expect(text).not.toContain('w'.repeat(20));
    const exported = JSON.parse(text);
    expect(exported).toMatchObject({
      format: 'chatlet.bot/1',
      name: 'Exported <b>bot</b>',
      settings: { allowedOrigins: ['https://x.example'], webhookUrl: null, longTimerThreshold: 'PT2M' },
      draft: scenario('draft after v1'),
      versions: [{ version: 1, scenario: scenario('v1') }],
    });

    const imported = await t.api('/bots/import', { method: 'POST', body: exported });
    expect(imported.status).toBe(201);
    const copy = await imported.json();
    expect(copy.id).not.toBe(bot.id);
    expect(copy).toMatchObject({
      name: 'Exported <b>bot</b>',
      published: null,
      settings: { allowedOrigins: ['https://x.example'], webhookSecretSet: false, longTimerThreshold: 'PT2M' },
      draft: { scenario: scenario('draft after v1') },
    });
    expect((await t.api('/bots/import', { method: 'POST', body: { ...exported, format: 'something/2' } })).status).toBe(
      400,
    );
  });

  it('imports an export larger than the normal body limit', async () => {
    const small = await startTestServer({ bodyLimitBytes: 20_000 });
    try {
      const big = { format: 'chatlet.bot/1', name: 'Big', draft: scenario('x'.repeat(30_000)) };
      expect((await small.api('/bots', { method: 'POST', body: { name: 'Big', scenario: big.draft } })).status).toBe(
        413,
      );
      expect((await small.api('/bots/import', { method: 'POST', body: big })).status).toBe(201);
    } finally {
      await small.stop();
    }
  });
});

describe('publishing an unchanged draft', () => {
  it('adds no version: 200 with the live version and unchanged, while a changed draft or setting gets 201 and the next', async () => {
    const bot = await createBot(scenario('same'));
    const first = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect(first.status).toBe(201);
    const v1 = await first.json();
    expect(v1).toMatchObject({ version: 1, unchanged: false, testPageUrl: `${t.url}/try/${bot.id}` });

    const again = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ version: 1, hash: v1.hash, unchanged: true, scriptUrl: v1.scriptUrl });
    expect((await (await t.api(`/bots/${bot.id}/versions`)).json()).versions).toHaveLength(1);

    await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario('changed') });
    const changed = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect([changed.status, (await changed.json()).version]).toEqual([201, 2]);

    // A setting that changes the bundle is a change, though the scenario is the same.
    await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: { longTimerThreshold: 'PT3H' } });
    const setting = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect([setting.status, (await setting.json()).version]).toEqual([201, 3]);

    // After an unpublish nothing is live, so the same draft is published again as a version.
    await t.api(`/bots/${bot.id}/unpublish`, { method: 'POST' });
    const back = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    expect([back.status, (await back.json()).unchanged]).toEqual([201, false]);
  });
});

describe('the test page', () => {
  it('shows a published bot by name with its one-line tag, a favicon, and no inline script', async () => {
    const bot = await createBot(scenario('draft only <secret>'), 'Ava <the> bot');
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    await t.api(`/bots/${bot.id}/scenario`, { method: 'PUT', body: scenario('UNPUBLISHED-DRAFT-TEXT') });
    const res = await fetch(`${t.url}/try/${bot.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('Chatlet test page for the bot <strong>Ava &#60;the&#62; bot</strong>');
    expect(html).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    expect(html).toContain(`<script src="${t.url}/bots/${bot.id}.js" async></script>`);
    expect(html.match(/<script\b[^>]*>/g)).toEqual([`<script src="${t.url}/bots/${bot.id}.js" async>`]);
    expect(html).not.toContain('UNPUBLISHED-DRAFT-TEXT');
    expect((await fetch(`${t.url}/static/try-page.css`)).status).toBe(200);
  });

  it('answers the same human 404 page for an unknown, an unpublished and a malformed bot id', async () => {
    const draft = await createBot(scenario('never published'), 'Hidden draft');
    for (const id of ['b_doesnotexist', draft.id, 'not%20an%20id']) {
      const res = await fetch(`${t.url}/try/${id}`);
      expect([id, res.status]).toEqual([id, 404]);
      const html = await res.text();
      expect(html).toContain('There is no published bot here');
      expect(html).not.toContain('Hidden draft');
    }
  });
});

describe('URLs shown to authors', () => {
  it('name the address the request was sent to without PUBLIC_URL, and PUBLIC_URL when it is set', async () => {
    const bot = await createBot();
    expect(t.publicUrl).toMatch(/^http:\/\/localhost:/);
    const read = await (await t.api(`/bots/${bot.id}`)).json();
    expect(read.scriptUrl).toBe(`${t.url}/bots/${bot.id}.js`);
    expect(read.embed).toBe(`<script src="${t.url}/bots/${bot.id}.js" async></script>`);

    const fixed = await startTestServer({ publicUrl: 'https://chat.example.com' });
    try {
      const other = await (
        await fixed.api('/bots', { method: 'POST', body: { name: 'Fixed', scenario: scenario() } })
      ).json();
      expect(other.scriptUrl).toBe(`https://chat.example.com/bots/${other.id}.js`);
    } finally {
      await fixed.stop();
    }
  });
});
