import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, login } from './accounts-fixture.ts';
import { scenario, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

describe('users of an organisation', () => {
  it('adds a new account with a role, who can then log in and act with that role', async () => {
    const res = await t.api('/users', {
      method: 'POST',
      body: { email: 'New.Editor@Example.com', password: 'long enough', name: 'Nell', role: 'editor' },
    });
    expect(res.status).toBe(201);
    const member = await res.json();
    expect(member).toMatchObject({ email: 'new.editor@example.com', name: 'Nell', role: 'editor' });
    expect(res.headers.get('location')).toBe(`/api/v1/users/${member.id}`);
    const nell = await login(t, { email: 'new.editor@example.com', password: 'long enough' });
    expect((await nell.api('/bots', { method: 'POST', body: { name: 'By Nell' } })).status).toBe(201);
    expect((await nell.api('/users')).status).toBe(403);
    const listed = (await (await t.api('/users')).json()).users;
    expect(listed.find((u: any) => u.id === member.id)).toMatchObject({ role: 'editor' });
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|password/i);
  });

  it('adds an existing account to a second organisation by email, leaving its password alone', async () => {
    const existing = await addUser(t, 'o_other', 'owner');
    const res = await t.api('/users', {
      method: 'POST',
      body: { email: existing.email, password: 'an attempt to reset', role: 'manager' },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).role).toBe('manager');
    const session = await login(t, existing);
    const orgs = (await (await session.api('/orgs')).json()).orgs.map((o: any) => o.id);
    expect(orgs).toEqual(['o_other', 'o_default']);
    await expect(login(t, { email: existing.email, password: 'an attempt to reset' })).rejects.toThrow(/401/);

    const again = await t.api('/users', { method: 'POST', body: { email: existing.email, role: 'editor' } });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('user.exists');
  });

  it('needs a password for a new account', async () => {
    const res = await t.api('/users', { method: 'POST', body: { email: 'nopass@example.com', role: 'editor' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('password');
  });

  it("changes a role at once for the member's live session", async () => {
    const user = await addUser(t, 'o_default', 'editor');
    const session = await login(t, user);
    expect((await session.api('/bots', { method: 'POST', body: { name: 'ok' } })).status).toBe(201);
    const res = await t.api(`/users/${user.id}`, { method: 'PATCH', body: { role: 'manager' } });
    expect(res.status).toBe(200);
    expect((await res.json()).role).toBe('manager');
    expect((await session.api('/bots', { method: 'POST', body: { name: 'no' } })).status).toBe(403);
    expect((await (await session.api('/session')).json()).role).toBe('manager');
  });

  it('removes a member: their session and the tokens they made stop working, the account stays elsewhere', async () => {
    await addUser(t, 'o_default', 'owner', 'Another owner, so this one is not the last');
    const user = await addUser(t, 'o_default', 'owner');
    const { store } = t.server.running;
    await store.ensureOrg({ id: 'o_elsewhere', name: 'Elsewhere' });
    await store.setMembership({ orgId: 'o_elsewhere', userId: user.id, role: 'editor' });
    const session = await login(t, user);
    const made = await (
      await session.api('/tokens', { method: 'POST', body: { name: 'mine', role: 'editor' } })
    ).json();
    expect((await t.api('/bots', { token: made.token })).status).toBe(200);

    expect((await t.api(`/users/${user.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await session.api('/bots')).status).toBe(401);
    expect((await t.api('/bots', { token: made.token })).status).toBe(401);
    expect((await t.api(`/users/${user.id}`, { method: 'DELETE' })).status).toBe(404);
    const back = await login(t, user);
    expect((await (await back.api('/session')).json()).org.id).toBe('o_elsewhere');
  });

  it('never leaves the organisation without an owner', async () => {
    const solo = await addUser(t, 'o_solo', 'owner');
    const session = await login(t, solo);
    for (const [method, body] of [
      ['PATCH', { role: 'editor' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await session.api(`/users/${solo.id}`, { method, body });
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe('org.last_owner');
    }
  });
});

describe('organisations', () => {
  it('lets a user create an organisation they own, switch to it, rename it, and see only their own', async () => {
    const user = await addUser(t, 'o_default', 'editor');
    const session = await login(t, user);
    const created = await session.api('/orgs', { method: 'POST', body: { name: 'Client <One>' } });
    expect(created.status).toBe(201);
    const org = await created.json();
    expect(org).toMatchObject({ name: 'Client <One>', role: 'owner', current: false });
    await session.api('/session/org', { method: 'POST', body: { orgId: org.id } });
    expect((await (await session.api('/bots')).json()).bots).toEqual([]);
    const renamed = await session.api(`/orgs/${org.id}`, { method: 'PATCH', body: { name: 'Client One' } });
    expect((await renamed.json()).name).toBe('Client One');
    expect((await session.api('/orgs/o_default', { method: 'PATCH', body: { name: 'Taken over' } })).status).toBe(404);
    const mine = (await (await session.api('/orgs')).json()).orgs;
    expect(mine.map((o: any) => [o.name, o.current])).toEqual([
      [expect.any(String), false],
      ['Client One', true],
    ]);
  });

  it('needs a user to create one: a bare token cannot own an organisation', async () => {
    const res = await t.api('/orgs', { method: 'POST', body: { name: 'Orphan' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('auth.user_required');
  });
});

describe('API tokens', () => {
  it("shows a new token's secret once, lists it without, and revokes it", async () => {
    const created = await t.api('/tokens', {
      method: 'POST',
      body: { name: 'Deploys', role: 'editor', expiresInDays: 30 },
    });
    expect(created.status).toBe(201);
    const token = await created.json();
    expect(token.token).toMatch(/^chl_[A-Za-z0-9_-]{43}$/);
    expect(new Date(token.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(
      (await t.api('/bots', { method: 'POST', token: token.token, body: { name: 'By token', scenario: scenario() } }))
        .status,
    ).toBe(201);
    expect((await t.api('/users', { token: token.token })).status).toBe(403);

    const listed = await (await t.api('/tokens')).text();
    expect(listed).toContain(token.id);
    expect(listed).not.toContain(token.token);

    expect((await t.api(`/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    const refused = await t.api('/bots', { token: token.token });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('auth.invalid_token');
    expect((await t.api(`/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
