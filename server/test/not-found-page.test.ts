import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

/** What a browser sends when it navigates to an address. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('an address the server has nothing at', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('shows a browser a 404 page saying so, under the page CSP, with the path escaped', async () => {
    const res = await fetch(`${t.url}/no-such-page/<b>`, { headers: { Accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('<code>/no-such-page/%3Cb%3E</code>');
    expect(html).not.toContain('<script');
  });

  it('still answers API clients, curl and non-GET requests with the coded JSON 404', async () => {
    const cases: [string, RequestInit][] = [
      ['/api/v1/no-such-route', { headers: { Accept: BROWSER_ACCEPT, Authorization: `Bearer ${t.token}` } }],
      ['/no-such-page', {}],
      ['/no-such-page', { headers: { Accept: '*/*' } }],
      ['/no-such-page', { headers: { Accept: 'application/json' } }],
      ['/no-such-page', { method: 'POST', headers: { Accept: BROWSER_ACCEPT } }],
    ];
    for (const [path, init] of cases) {
      const res = await fetch(`${t.url}${path}`, init);
      expect([path, init.method, res.status, res.headers.get('content-type')]).toEqual([
        path,
        init.method,
        404,
        expect.stringMatching(/^application\/json/),
      ]);
      expect((await res.json()).error.code).toBe('route.not_found');
    }
  });
});
