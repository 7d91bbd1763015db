/**
 * Who may touch what, for every `/api/v1` route the app has: the routes are read from Express's router stack, so a
 * route added later is covered without editing this file. Bodies are the routes' `describeRoute` examples, so a
 * refusal seen here is the access check and not a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describedRoutes } from '../openapi/describe-route.ts';
import type { Role } from '../store/types.ts';
import { addToken, addUser, login, type SessionClient } from './accounts-fixture.ts';
import { expressRoutes, type ExpressRoute } from './express-routes.ts';
import { scenario, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
/** Organisation A's things, and strings that must never appear in an answer to organisation B. */
const a = { botId: '', userId: '', tokenId: '', inviteId: '', secrets: [] as string[] };
let apiRoutes: ExpressRoute[];

beforeAll(async () => {
  t = await startTestServer();
  const admin = (path: string, init: Parameters<TestServer['api']>[1] = {}) => t.api(path, init).then((r) => r.json());
  await admin('/orgs/o_default', { method: 'PATCH', body: { name: 'ALPHA-ORG-NAME' } });
  const bot = await admin('/bots', {
    method: 'POST',
    body: { name: 'ALPHA-BOT-NAME', scenario: scenario('ALPHA-SCENARIO-TEXT') },
  });
  await admin(`/bots/${bot.id}/publish`, { method: 'POST' });
  await admin(`/bots/${bot.id}/settings`, {
    method: 'PATCH',
    body: { webhookUrl: 'https://alpha-hook.example/x', webhookSecret: 'ALPHA-WEBHOOK-SECRET-0000' },
  });
  const user = await admin('/users', {
    method: 'POST',
    body: { email: 'alpha-user@example.com', password: 'alpha password', name: 'ALPHA-USER-NAME', role: 'editor' },
  });
  const token = await admin('/tokens', { method: 'POST', body: { name: 'ALPHA-TOKEN-NAME', role: 'editor' } });
  const invite = await admin('/invites', {
    method: 'POST',
    body: { email: 'alpha-invitee@example.com', role: 'manager' },
  });
  Object.assign(a, {
    botId: bot.id,
    userId: user.id,
    tokenId: token.id,
    inviteId: invite.id,
    secrets: [
      bot.id,
      'ALPHA-BOT-NAME',
      'ALPHA-SCENARIO-TEXT',
      'ALPHA-ORG-NAME',
      'alpha-user@example.com',
      'ALPHA-USER-NAME',
      user.id,
      token.id,
      'ALPHA-TOKEN-NAME',
      token.token,
      'ALPHA-WEBHOOK-SECRET',
      'alpha-hook.example',
      invite.id,
      'alpha-invitee@example.com',
      invite.url.split('/invite/')[1],
    ],
  });
  apiRoutes = expressRoutes(t.server.running.app).filter((r) => r.path.startsWith('/api/v1/'));
});

afterAll(async () => {
  await t?.stop();
});

/** Organisation A's id for each kind of path parameter; a made-up id where A has nothing of that kind. */
function fill(path: string): string {
  return path
    .replace(/^\/api\/v1\/bots\/:id/, `/api/v1/bots/${a.botId}`)
    .replace(/^\/api\/v1\/users\/:id/, `/api/v1/users/${a.userId}`)
    .replace(/^\/api\/v1\/tokens\/:id/, `/api/v1/tokens/${a.tokenId}`)
    .replace(/^\/api\/v1\/invites\/:id/, `/api/v1/invites/${a.inviteId}`)
    .replace(/^\/api\/v1\/orgs\/:id/, '/api/v1/orgs/o_default')
    .replace(/:version\b/, '1')
    .replace(/[:*][A-Za-z_]\w*/g, 'x_notours12345');
}

function describedAs(route: ExpressRoute) {
  return describedRoutes().find((d) => `/api/v1${d.path}` === route.path && d.method.toUpperCase() === route.method);
}

type Caller = (
  path: string,
  init: { method: string; body?: unknown; headers?: Record<string, string> },
) => Promise<Response>;

/** Calls a route as `caller` with its example body (in its content type); event streams are cut after their first bytes. */
async function call(caller: Caller, route: ExpressRoute): Promise<{ status: number; text: string }> {
  const description = describedAs(route);
  const body = ['GET', 'DELETE', 'HEAD'].includes(route.method) ? undefined : (description?.example ?? {});
  const declared = description?.body && 'contentType' in description.body ? description.body.contentType : undefined;
  const headers: Record<string, string> = declared ? { 'content-type': declared } : {};
  const res = await caller(fill(route.path).slice('/api/v1'.length), { method: route.method, body, headers });
  const reader = res.body?.getReader();
  let text = '';
  if (reader) {
    const decoder = new TextDecoder();
    const deadline = Date.now() + 1_000;
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 300))]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    await reader.cancel().catch(() => undefined);
  }
  return { status: res.status, text };
}

describe('organisation B against organisation A, on every /api/v1 route', () => {
  let bToken: string;
  let bSession: SessionClient;

  beforeAll(async () => {
    bToken = await addToken(t, 'o_bravo', 'owner');
    bSession = await login(t, await addUser(t, 'o_bravo', 'owner'));
  });

  it("finds the routes to check, this issue's and later ones", () => {
    const paths = apiRoutes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /api/v1/bots/:id',
        'DELETE /api/v1/users/:id',
        'GET /api/v1/bots/:id/export',
        'POST /api/v1/invites',
        'GET /api/v1/invites',
        'DELETE /api/v1/invites/:id',
        'POST /api/v1/invites/accept',
        'GET /api/v1/bots/:id/results',
        'GET /api/v1/bots/:id/analytics',
        'DELETE /api/v1/bots/:id/results/:resultId',
        'DELETE /api/v1/bots/:id/results',
      ]),
    );
    expect(apiRoutes.length).toBeGreaterThanOrEqual(40);
  });

  for (const via of ['token', 'session'] as const) {
    it(`gives a ${via} of B 403 or 404 for every route naming A's things, and no answer mentions them`, async () => {
      const caller: Caller =
        via === 'token'
          ? (path, init) => t.api(path, { ...init, token: bToken })
          : (path, init) => bSession.api(path, init);
      const problems: string[] = [];
      // Logging in or out acts on the caller's own session only; the token run covers them.
      const routes = apiRoutes.filter(
        (r) =>
          via === 'token' ||
          !['POST /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/setup'].includes(`${r.method} ${r.path}`),
      );
      for (const route of routes) {
        const { status, text } = await call(caller, route);
        const label = `${route.method} ${route.path} → ${status}`;
        // Switching the session to A's organisation is the one A-naming request without a path parameter.
        const namesOurs = /[:*]/.test(route.path) || (via === 'session' && route.path === '/api/v1/session/org');
        const visitorOnly = describedAs(route)?.auth === 'visitor' || route.path.startsWith('/api/v1/visitor/');
        const allowed = visitorOnly ? [401, 403, 404] : [403, 404];
        if (namesOurs && !allowed.includes(status)) problems.push(`${label}: expected ${allowed.join(' or ')}`);
        if (status >= 500) problems.push(`${label}: server error`);
        // An id the caller sent may come back in the 404's message; anything else of A's may not.
        const leaked = a.secrets.filter((s) => text.includes(s) && !fill(route.path).includes(s));
        if (leaked.length) problems.push(`${label}: leaked ${leaked.join(', ')}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('left organisation A exactly as it was', async () => {
    const bot = await (await t.api(`/bots/${a.botId}`)).json();
    expect(bot).toMatchObject({
      name: 'ALPHA-BOT-NAME',
      published: { version: 1 },
      draft: { scenario: scenario('ALPHA-SCENARIO-TEXT') },
    });
    expect(bot.settings).toMatchObject({ webhookUrl: 'https://alpha-hook.example/x', webhookSecretSet: true });
    expect((await (await t.api(`/bots/${a.botId}/versions`)).json()).versions).toHaveLength(1);
    expect((await fetch(`${t.url}/bots/${a.botId}.js`)).status).toBe(200);
    const users = (await (await t.api('/users')).json()).users;
    expect(users.find((u: any) => u.id === a.userId)).toMatchObject({ role: 'editor', name: 'ALPHA-USER-NAME' });
    expect((await (await t.api('/tokens')).json()).tokens.map((tk: any) => tk.id)).toContain(a.tokenId);
    expect((await (await t.api('/orgs')).json()).orgs[0].name).toBe('ALPHA-ORG-NAME');
    expect((await (await t.api('/invites')).json()).invites.map((i: any) => i.id)).toContain(a.inviteId);
  });
});

describe('roles inside one organisation', () => {
  const callers: Partial<Record<Role, Caller>> = {};

  beforeAll(async () => {
    for (const role of ['editor', 'manager'] as const) {
      const token = await addToken(t, 'o_default', role);
      callers[role] = (path, init) => t.api(path, { ...init, token });
    }
  });

  it("refuses (403) every role a route does not list, on the organisation's own things", async () => {
    const problems: string[] = [];
    for (const route of apiRoutes) {
      const roles = describedAs(route)?.roles;
      if (!roles) continue;
      for (const role of ['editor', 'manager'] as const) {
        if (roles.includes(role)) continue;
        const { status } = await call(callers[role]!, route);
        if (status !== 403) problems.push(`${role} ${route.method} ${route.path} → ${status}, expected 403`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets a manager change no bot, and an editor manage no users, invites, tokens or bot settings', () => {
    const described = describedRoutes();
    const botChanges = described.filter((d) => d.path.startsWith('/bots') && d.method !== 'get');
    expect(botChanges.length).toBeGreaterThanOrEqual(9);
    for (const d of botChanges) expect([d.key, d.roles?.includes('manager')]).toEqual([d.key, false]);
    const ownerOnly = described.filter(
      (d) =>
        /^\/(users|tokens)\b/.test(d.path) ||
        /^\/invites(\/:id)?$/.test(d.path) ||
        d.key === 'PATCH /bots/:id/settings',
    );
    expect(ownerOnly.length).toBeGreaterThanOrEqual(11);
    for (const d of ownerOnly) expect([d.key, d.roles]).toEqual([d.key, ['owner']]);
  });

  it('lets a manager read the bot list (the console names the bots)', async () => {
    const res = await callers.manager!('/bots', { method: 'GET' });
    expect(res.status).toBe(200);
    expect((await res.json()).bots.map((b: any) => b.id)).toContain(a.botId);
  });
});
