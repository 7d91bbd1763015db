/**
 * Hostile and broken input on every route that takes a body (read from the router stack, bodies from the routes'
 * `describeRoute` examples): each answer is a coded 4xx without a stack trace, and the server stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describedRoutes } from '../openapi/describe-route.ts';
import { expressRoutes, type ExpressRoute } from './express-routes.ts';
import { looksLikeStack, scenario, startTestServer, type TestServer } from './test-server.ts';

const LIMIT = 10_000;
const SCENARIO_ROUTES = ['PUT /api/v1/bots/:id/scenario', 'POST /api/v1/compile', 'POST /api/v1/bots/:id/preview'];
let t: TestServer;
let botId: string;
let bodyRoutes: ExpressRoute[];
let allRoutes: ExpressRoute[];

beforeAll(async () => {
  t = await startTestServer({ bodyLimitBytes: LIMIT });
  botId = (await (await t.api('/bots', { method: 'POST', body: { name: 'Target', scenario: scenario() } })).json()).id;
  allRoutes = expressRoutes(t.server.running.app).filter((r) => r.path.startsWith('/api/v1/'));
  bodyRoutes = allRoutes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
});

afterAll(async () => {
  await t?.stop();
});

function described(route: ExpressRoute) {
  return describedRoutes().find((d) => `/api/v1${d.path}` === route.path && d.method.toUpperCase() === route.method);
}

function urlOf(route: ExpressRoute): string {
  return route.path
    .replace('/api/v1', '')
    .replace(/^\/bots\/:id/, `/bots/${botId}`)
    .replace(/:version\b/, '1')
    .replace(/[:*]\w+/g, 'x_unknown1234');
}

/** Sends `body` as-is with `contentType`, and checks the answer is a coded 4xx with no stack. Returns the status. */
async function expectCoded4xx(
  route: ExpressRoute,
  body: string,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(`${t.url}/api/v1${urlOf(route)}`, {
    method: route.method,
    headers: { authorization: `Bearer ${t.token}`, 'content-type': contentType, ...headers },
    body,
  });
  const text = await res.text();
  const label = `${route.method} ${route.path} (${body.slice(0, 40)}) → ${res.status} ${text.slice(0, 120)}`;
  expect(res.status >= 400 && res.status < 500, label).toBe(true);
  expect(typeof JSON.parse(text).error.code, label).toBe('string');
  expect(looksLikeStack(text), label).toBe(false);
  return res.status;
}

/** Each field of the example replaced by a value of another type. */
function wrongTypes(example: unknown): unknown[] {
  if (!example || typeof example !== 'object' || Array.isArray(example)) return [];
  const swap = (v: unknown): unknown =>
    typeof v === 'string'
      ? 12345
      : typeof v === 'number'
        ? 'twelve'
        : Array.isArray(v)
          ? { not: 'an array' }
          : v && typeof v === 'object'
            ? 'not an object'
            : ['x'];
  return Object.keys(example).map((key) => ({
    ...(example as Record<string, unknown>),
    [key]: swap((example as Record<string, unknown>)[key]),
  }));
}

describe('bad input on every body route', () => {
  it('answers malformed JSON with a coded 400', async () => {
    expect(bodyRoutes.length).toBeGreaterThanOrEqual(20);
    for (const route of bodyRoutes) {
      for (const body of ['{"name": ', '{name: 1}', '\u0000', '{"a":1}}']) await expectCoded4xx(route, body);
    }
  });

  it('answers bodies of the wrong shape (not objects, wrong field types, empty) with a coded 4xx', async () => {
    // Routes that take no body (publish, unpublish, claim…) ignore one that is well-formed JSON.
    for (const route of bodyRoutes.filter((r) => described(r)?.body)) {
      const example = described(route)?.example;
      // Inside a scenario, a wrong field is the compiler's to report: the answer carries diagnostics, not a 4xx.
      const scenarioBody = SCENARIO_ROUTES.includes(`${route.method} ${route.path}`);
      for (const body of [
        '[]',
        '"text"',
        '42',
        'null',
        'true',
        '{}',
        ...wrongTypes(example).map((b) => JSON.stringify(b)),
      ]) {
        // An empty object is valid for a few routes (a settings patch that changes nothing, a preview of the draft).
        if (body === '{}' || (scenarioBody && body.startsWith('{'))) {
          const res = await fetch(`${t.url}/api/v1${urlOf(route)}`, {
            method: route.method,
            headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
            body,
          });
          expect(res.status, `${route.method} ${route.path} ${body}`).toBeLessThan(500);
          expect(looksLikeStack(await res.text())).toBe(false);
          continue;
        }
        await expectCoded4xx(route, body);
      }
    }
  });

  it('answers an oversized body with 413 request.too_large', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(LIMIT * 10), text: 'y' });
    for (const route of bodyRoutes) {
      const xml =
        described(route)?.body && 'contentType' in (described(route)!.body as object)
          ? (described(route)!.body as { contentType?: string }).contentType
          : undefined;
      const status = await expectCoded4xx(route, huge, xml ?? 'application/json');
      expect([`${route.method} ${route.path}`, status]).toEqual([`${route.method} ${route.path}`, 413]);
    }
  });

  it('answers unknown ids with a coded 404, whatever the route', async () => {
    for (const route of allRoutes.filter((r) => /:(id|version)\b/.test(r.path) && !r.path.includes('/visitor/'))) {
      const path = route.path
        .replace('/api/v1', '')
        .replace(/:id\b/, 'b_doesnotexist')
        .replace(/:version\b/, '999')
        .replace(/[:*]\w+/g, 'x');
      const example = described(route)?.example;
      const res = await t.api(path, {
        method: route.method,
        body: ['GET', 'DELETE'].includes(route.method) ? undefined : (example ?? {}),
      });
      const text = await res.text();
      expect([`${route.method} ${route.path}`, res.status]).toEqual([`${route.method} ${route.path}`, 404]);
      expect(JSON.parse(text).error.code).toMatch(/\.not_found$/);
    }
  });

  it('answers wrong, expired or malformed credentials on every authenticated route with 401', async () => {
    const api = allRoutes.filter((r) => (described(r)?.auth ?? 'api') === 'api');
    expect(api.length).toBeGreaterThanOrEqual(30);
    for (const route of api) {
      for (const headers of [
        { authorization: 'Bearer chl_not-a-real-token' } as Record<string, string>,
        { authorization: 'Basic dXNlcjpwYXNz' },
        { cookie: 'chatlet_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', origin: t.url },
        { cookie: 'chatlet_session=<script>', origin: t.url },
      ]) {
        const res = await fetch(`${t.url}/api/v1${urlOf(route)}`, { method: route.method, headers });
        expect([route.method, route.path, Object.keys(headers)[0], res.status]).toEqual([
          route.method,
          route.path,
          Object.keys(headers)[0],
          401,
        ]);
        expect((await res.json()).error.code).toMatch(/^auth\./);
      }
    }
  });
});

describe('hostile strings in names', () => {
  const hostile = [
    '<script>alert(1)</script>',
    "'; DROP TABLE users; --",
    '"quoted" \\ back',
    '😀 \u2028 \u202e',
    '{{7*7}} ${7*7}',
  ];

  it('are stored and returned verbatim as JSON, for bots, organisations, users and tokens', async () => {
    for (const name of hostile) {
      const bot = await (await t.api('/bots', { method: 'POST', body: { name } })).json();
      expect(bot.name).toBe(name);
      const org = await (await t.api('/orgs/o_default', { method: 'PATCH', body: { name } })).json();
      expect(org.name).toBe(name);
      const user = await (
        await t.api('/users', {
          method: 'POST',
          body: { email: `h${hostile.indexOf(name)}@example.com`, password: 'long enough', name, role: 'editor' },
        })
      ).json();
      expect(user.name).toBe(name);
      const token = await (await t.api('/tokens', { method: 'POST', body: { name, role: 'manager' } })).json();
      expect(token.name).toBe(name);
    }
  });

  it('with NUL, or an email that is not one, are a coded 400', async () => {
    for (const [path, method, body] of [
      ['/bots', 'POST', { name: 'a\u0000b' }],
      ['/orgs/o_default', 'PATCH', { name: 'a\u0000b' }],
      ['/tokens', 'POST', { name: 'a\u0000b', role: 'editor' }],
      ['/users', 'POST', { email: 'not an email', password: 'long enough', role: 'editor' }],
      ['/users', 'POST', { email: 'x@example.com', password: 'long enough', name: 'a\u0000b', role: 'editor' }],
      ['/users', 'POST', { email: 'y@example.com', password: 'long enough', role: 'admin' }],
    ] as const) {
      const res = await t.api(path, { method, body });
      expect([path, res.status]).toEqual([path, 400]);
      expect((await res.json()).error.code).toBe('request.invalid');
    }
  });

  it('left the server up', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });
});
