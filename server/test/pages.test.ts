import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthService } from '../accounts/auth-service.ts';
import type { SessionService } from '../accounts/session-service.ts';
import { pagesRouter } from '../pages/pages-router.ts';
import { safeNext } from '../pages/templates.ts';
import { addUser, cookieFrom, login } from './accounts-fixture.ts';
import { startTestServer, type TestServer } from './test-server.ts';

function expectPageHeaders(res: Response): void {
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('the pages of a server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('offers the owner set-up at / on an empty install, and /login sends there', async () => {
    const root = await fetch(`${t.url}/`);
    expect(root.status).toBe(200);
    expectPageHeaders(root);
    const html = await root.text();
    expect(html).toContain('data-action="setup"');
    expect(html).toContain('<script src="/static/account.js" defer>');
    expect(html).not.toMatch(/<script>|style=/);
    const toSetup = await fetch(`${t.url}/login`, { redirect: 'manual' });
    expect([toSetup.status, toSetup.headers.get('location')]).toEqual([302, '/']);
    const script = await fetch(`${t.url}/static/account.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('once set up, sends / to the builder, and the builder to /login with where to come back', async () => {
    const setup = await t.api('/setup', {
      method: 'POST',
      token: null,
      body: { email: 'owner@example.com', password: 'long enough', orgName: 'Acme' },
    });
    expect(setup.status).toBe(201);
    const root = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/builder']);
    const builder = await fetch(`${t.url}/builder?x=1`, { redirect: 'manual' });
    expect([builder.status, builder.headers.get('location')]).toEqual([302, '/login?next=%2Fbuilder%3Fx%3D1']);
    const page = await fetch(`${t.url}/login?next=%2Fconsole`);
    expectPageHeaders(page);
    expect(await page.text()).toContain('data-next="/console"');
    expect(await (await fetch(`${t.url}/login?next=%2F%2Fevil.example`)).text()).toContain('data-next="/"');

    // Logged in, the owner gets the builder page, with a fresh CSP nonce in place of its placeholder.
    const owner = cookieFrom(setup);
    const withSession = await fetch(`${t.url}/builder`, { headers: { cookie: owner } });
    expect(withSession.status).toBe(200);
    const html = await withSession.text();
    expect(html).not.toContain('__CSP_NONCE__');
    const nonce = /nonce="([^"]+)"/.exec(html)![1];
    expect(withSession.headers.get('content-security-policy')).toContain(`script-src 'self' 'nonce-${nonce}'`);
    const next = await fetch(`${t.url}/builder`, { headers: { cookie: owner } });
    expect(/nonce="([^"]+)"/.exec(await next.text())![1]).not.toBe(nonce);
  });

  it('sends a manager to the console, and refuses them the builder', async () => {
    const manager = await login(t, await addUser(t, 'o_default', 'manager'));
    const root = await fetch(`${t.url}/`, { headers: { cookie: manager.cookie }, redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/console');
    const builder = await fetch(`${t.url}/builder`, { headers: { cookie: manager.cookie } });
    expect(builder.status).toBe(403);
    expectPageHeaders(builder);
    expect(await builder.text()).toContain('href="/console"');
    const console = await fetch(`${t.url}/console`, { headers: { cookie: manager.cookie } });
    expect(console.status).toBe(200);
    expect(await console.text()).toContain('/assets/console.js');
  });

  it('answers a missing asset or static file with a plain 404 in the type asked for, while the API keeps JSON errors', async () => {
    for (const [path, type] of [
      ['/assets/no-such.js', /^(text|application)\/javascript/],
      ['/assets/no-such.css', /^text\/css/],
      ['/static/no-such.html', /^text\/html/],
      ['/static/no-such', /^text\/plain/],
      ['/assets/no-such.weird-extension', /^text\/plain/],
    ] as const) {
      const res = await fetch(`${t.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toBe('Not found\n');
    }
    const api = await t.api('/no-such-route');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await api.json()).error.code).toBe('route.not_found');
  });

  it('serves its chat-bubble favicon at /static/favicon.svg and /favicon.ico, and every page links it', async () => {
    const svg = await fetch(`${t.url}/static/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const mark = await svg.text();
    expect(mark).toContain('#4f46e5');
    const ico = await fetch(`${t.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await ico.text()).toBe(mark);

    const link = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">';
    expect(await (await fetch(`${t.url}/`)).text()).toContain(link);
    for (const file of ['builder/index.html', 'server/console/index.html', 'demo/site/index.html']) {
      expect([file, await readFile(new URL(`../../${file}`, import.meta.url), 'utf8')]).toEqual([
        file,
        expect.stringContaining(link),
      ]);
    }
  });

  it('sends an expired session to /login and clears its cookie', async () => {
    const res = await fetch(`${t.url}/console`, {
      headers: { cookie: 'chatlet_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      redirect: 'manual',
    });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/login?next=%2Fconsole']);
    expect(res.headers.getSetCookie()[0]).toMatch(/^chatlet_session=; Max-Age=0/);
  });
});

describe('pages without their files', () => {
  let url: string;
  let close: () => void;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatlet-pages-'));
    await writeFile(join(dir, 'builder.js'), 'console.log("builder")');
    const session = { userId: 'u_1', orgId: 'o_1', role: 'owner', email: '<b>o@example.com</b>', name: 'O' };
    const sessions = {
      resolve: async () => ({ idHash: 'h', session }),
      clear: () => undefined,
    } as unknown as SessionService;
    const auth = { isSetUp: async () => true } as unknown as AuthService;
    const app = express().use(
      pagesRouter({
        auth,
        sessions,
        builderHtml: join(dir, 'none.html'),
        consoleHtml: join(dir, 'none.html'),
        assetsDir: dir,
      }),
    );
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => server.close();
  });

  afterAll(async () => {
    close?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('answer 404 with a page that says so, escapes what it shows, and offers to log out', async () => {
    for (const path of ['/builder', '/console']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('is not installed');
      expect(html).toContain('&#60;b&#62;o@example.com&#60;/b&#62;');
      expect(html).toContain('data-action="logout"');
    }
  });

  it('serve /assets/ from the build output, cacheable, and nothing outside it', async () => {
    const asset = await fetch(`${url}/assets/builder.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await fetch(`${url}/assets/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});

describe('safeNext', () => {
  it.each([
    ['/builder', '/builder'],
    ['/console?x=1', '/console?x=1'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('keeps only same-site paths: %j → %s', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });
});
