import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir } from './temp-data-dir.ts';
import { brokenScenario, scenario, startTestServer } from './test-server.ts';

describe('the demo bot and site', () => {
  let demoDir: string;
  let data: Awaited<ReturnType<typeof makeDataDir>>;

  beforeAll(async () => {
    demoDir = await mkdtemp(join(tmpdir(), 'chatlet-demo-'));
    await mkdir(join(demoDir, 'site'));
    await writeFile(
      join(demoDir, 'site', 'index.html'),
      '<!doctype html><title>Demo</title><script src="/bots/demo.js" async></script>',
    );
    data = await makeDataDir();
  });

  afterAll(async () => {
    await rm(demoDir, { recursive: true, force: true });
    await data?.remove();
  });

  async function start() {
    // A fixed PUBLIC_URL: it is part of what a bundle is built from, so a new port alone would republish.
    return startTestServer({ dataDir: data.dir, demoDir, publicUrl: 'http://chatlet.test' });
  }

  async function versionsOf(t: Awaited<ReturnType<typeof start>>) {
    return (await (await t.api('/bots/demo/versions')).json()).versions.map((v: { version: number }) => v.version);
  }

  it('starts without a demo scenario, and the demo script says it is not published', async () => {
    const t = await start();
    try {
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${t.url}/bots/demo.js`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });

  it('publishes demo/scenario.json as the bot "demo" at startup, and again only when the file changes', async () => {
    await writeFile(join(demoDir, 'scenario.json'), JSON.stringify(scenario('demo one')));
    let t = await start();
    try {
      const script = await fetch(`${t.url}/bots/demo.js`);
      expect(script.status).toBe(200);
      expect(await versionsOf(t)).toEqual([1]);
      expect((await (await t.api('/bots/demo')).json()).draft.scenario).toEqual(scenario('demo one'));
    } finally {
      await t.stop();
    }

    t = await start();
    try {
      expect(await versionsOf(t)).toEqual([1]);
    } finally {
      await t.stop();
    }

    await writeFile(join(demoDir, 'scenario.json'), JSON.stringify(scenario('demo two')));
    t = await start();
    try {
      expect(await versionsOf(t)).toEqual([2, 1]);
    } finally {
      await t.stop();
    }
  });

  it('keeps serving the last good demo when the file stops compiling or parsing', async () => {
    await writeFile(join(demoDir, 'scenario.json'), JSON.stringify(brokenScenario()));
    let t = await start();
    try {
      expect((await fetch(`${t.url}/bots/demo.js`)).status).toBe(200);
      const bot = await (await t.api('/bots/demo')).json();
      expect(bot.published.version).toBe(2);
      expect(bot.draft.diagnostics.map((d: { code: string }) => d.code)).toContain('node.dangling_next');
    } finally {
      await t.stop();
    }
    await writeFile(join(demoDir, 'scenario.json'), '{ not json');
    t = await start();
    try {
      expect((await fetch(`${t.url}/bots/demo.js`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  it('serves the demo site under a CSP that allows only this server', async () => {
    const t = await start();
    try {
      const page = await fetch(`${t.url}/demo/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/bots/demo.js');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      // `/` belongs to the accounts now: set-up on an empty install (server/test/pages.test.ts).
      const root = await fetch(`${t.url}/`, { redirect: 'manual' });
      expect(root.status).toBe(200);
      expect(await root.text()).toContain('data-action="setup"');
      const missing = await fetch(`${t.url}/demo/nope.html`);
      expect(missing.status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
