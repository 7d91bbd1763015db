import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, cookieFrom, login, sessionClient } from './accounts-fixture.ts';
import { scenario, startTestServer, type TestServer } from './test-server.ts';

describe('first-owner set-up', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('creates the owner of the renamed default organisation, logs them in, and works only once', async () => {
    const body = { email: ' Olga@Example.com ', password: 'correct horse', name: 'Olga', orgName: 'Acme' };
    const res = await t.api('/setup', { method: 'POST', token: null, body });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      user: { email: 'olga@example.com', name: 'Olga' },
      org: { id: 'o_default', name: 'Acme' },
      role: 'owner',
    });
    const session = sessionClient(t, cookieFrom(res));
    expect((await session.api('/bots', { method: 'POST', body: { name: 'Mine', scenario: scenario() } })).status).toBe(
      201,
    );

    const again = await t.api('/setup', { method: 'POST', token: null, body: { ...body, email: 'other@example.com' } });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('setup.done');
    expect((await login(t, { email: 'OLGA@example.com', password: 'correct horse' })).cookie).toMatch(
      /^chatlet_session=/,
    );
  });

  it('refuses a set-up posted from another site', async () => {
    const res = await t.api('/setup', {
      method: 'POST',
      token: null,
      headers: { origin: 'https://evil.example' },
      body: { email: 'x@example.com', password: 'correct horse', orgName: 'X' },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('auth.bad_origin');
  });
});

describe('sessions', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sessionTtlMs: 3_000 });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('logs in with an HttpOnly, SameSite=Strict cookie and answers who is logged in', async () => {
    const user = await addUser(t, 'o_default', 'editor', 'Eddie');
    const res = await t.api('/session', {
      method: 'POST',
      token: null,
      body: { email: user.email, password: user.password },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      user: { id: user.id, email: user.email, name: 'Eddie' },
      org: { id: 'o_default', name: expect.any(String) },
      role: 'editor',
    });
    const setCookie = res.headers.getSetCookie()[0];
    expect(setCookie).toMatch(/^chatlet_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const session = sessionClient(t, cookieFrom(res));
    expect(await (await session.api('/session')).json()).toEqual(body);
  });

  it('answers a wrong password and an unknown email alike, with 401 auth.bad_credentials', async () => {
    const user = await addUser(t, 'o_default', 'editor');
    const answers = [];
    for (const body of [
      { email: user.email, password: 'wrong password' },
      { email: 'nobody@example.com', password: 'wrong password' },
    ]) {
      const res = await t.api('/session', { method: 'POST', token: null, body });
      answers.push([res.status, await res.json(), res.headers.get('set-cookie')]);
    }
    expect(answers[0]).toEqual([
      401,
      { error: { code: 'auth.bad_credentials', message: 'The email or the password is wrong' } },
      null,
    ]);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const session = await login(t, await addUser(t, 'o_default', 'owner'));
    const out = await session.api('/session', { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^chatlet_session=; Max-Age=0;/);
    const after = await session.api('/bots');
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe('auth.session_expired');
    expect((await session.api('/session')).status).toBe(401);
  });

  it('refuses a cookie request that changes something without our Origin (CSRF), but not a bearer one', async () => {
    const session = await login(t, await addUser(t, 'o_default', 'owner'));
    const body = { name: 'CSRF', scenario: scenario() };
    for (const origin of ['https://evil.example', null, 'null']) {
      const res = await session.api('/bots', { method: 'POST', body, origin });
      expect([origin, res.status]).toEqual([origin, 403]);
      expect((await res.json()).error.code).toBe('auth.bad_origin');
    }
    const viaReferer = await session.api('/bots', {
      method: 'POST',
      body,
      origin: null,
      headers: { referer: `${t.url}/builder` },
    });
    expect(viaReferer.status).toBe(201);
    expect((await session.api('/bots', { method: 'POST', body })).status).toBe(201);
    expect((await session.api('/bots', { origin: 'https://evil.example' })).status).toBe(200);
    expect((await session.api('/session', { method: 'DELETE', origin: 'https://evil.example' })).status).toBe(403);
    expect((await t.api('/bots', { method: 'POST', body, headers: { origin: 'https://evil.example' } })).status).toBe(
      201,
    );
  });

  it('expires a session that is not used, and slides the expiry of one that is', async () => {
    const user = await addUser(t, 'o_default', 'editor');
    const idle = await login(t, user);
    const busy = await login(t, user);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 900));
      expect((await busy.api('/bots')).status).toBe(200);
    }
    const res = await idle.api('/bots');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('auth.session_expired');
    expect(res.headers.getSetCookie()[0]).toMatch(/^chatlet_session=; Max-Age=0/);
  });

  it("switches between the user's organisations, and refuses one they do not belong to", async () => {
    const user = await addUser(t, 'o_default', 'owner');
    const { store } = t.server.running;
    await store.ensureOrg({ id: 'o_second', name: 'Second' });
    await store.setMembership({ orgId: 'o_second', userId: user.id, role: 'manager' });
    await store.ensureOrg({ id: 'o_foreign', name: 'Foreign' });
    const session = await login(t, user);
    const orgs = await (await session.api('/orgs')).json();
    expect(orgs.orgs.map((o: any) => [o.id, o.role, o.current])).toEqual([
      ['o_default', 'owner', true],
      ['o_second', 'manager', false],
    ]);

    const switched = await session.api('/session/org', { method: 'POST', body: { orgId: 'o_second' } });
    expect(await switched.json()).toMatchObject({ org: { id: 'o_second', name: 'Second' }, role: 'manager' });
    expect((await session.api('/bots', { method: 'POST', body: { name: 'x' } })).status).toBe(403);
    const refused = await session.api('/session/org', { method: 'POST', body: { orgId: 'o_foreign' } });
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe('org.not_found');
    expect(
      (
        await session.api('/session/org', {
          method: 'POST',
          body: { orgId: 'o_default' },
          origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
  });

  it('keeps sessions across a restart of the server', async () => {
    const restartable = await startTestServer();
    const user = await addUser(restartable, 'o_default', 'owner');
    const session = await login(restartable, user);
    await restartable.server.close();
    const again = await startTestServer({ dataDir: restartable.dataDir, adminToken: restartable.token });
    try {
      const res = await sessionClient(again, session.cookie).api('/session');
      expect(res.status).toBe(200);
      expect((await res.json()).user.email).toBe(user.email);
    } finally {
      await again.stop();
      await restartable.stop();
    }
  });
});

describe('password guessing', () => {
  it('slows an account down after 10 wrong passwords, with 429 and Retry-After, even for the right one', async () => {
    const t = await startTestServer();
    try {
      const user = await addUser(t, 'o_default', 'owner');
      const attempt = (password: string) =>
        t.api('/session', { method: 'POST', token: null, body: { email: user.email, password } });
      for (let i = 0; i < 10; i++) expect((await attempt(`guess ${i}`)).status).toBe(401);
      const throttled = await attempt(user.password);
      expect(throttled.status).toBe(429);
      expect((await throttled.json()).error.code).toBe('rate.limited');
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another account from the same client is not locked by this one's guesses.
      const other = await addUser(t, 'o_default', 'editor');
      expect((await login(t, other)).cookie).toBeTruthy();
    } finally {
      await t.stop();
    }
  });
});

describe('cookies on an https PUBLIC_URL', () => {
  it('are Secure', async () => {
    const t = await startTestServer({ publicUrl: 'https://chat.example.com' });
    try {
      const user = await addUser(t, 'o_default', 'owner');
      const res = await t.api('/session', {
        method: 'POST',
        token: null,
        body: { email: user.email, password: user.password },
      });
      expect(res.headers.getSetCookie()[0]).toContain('; Secure');
      // With PUBLIC_URL set, only its origin counts as ours.
      const session = sessionClient(t, cookieFrom(res));
      expect((await session.api('/bots', { method: 'POST', body: { name: 'x' } })).status).toBe(403);
      expect(
        (await session.api('/bots', { method: 'POST', body: { name: 'x' }, origin: 'https://chat.example.com' }))
          .status,
      ).toBe(201);
    } finally {
      await t.stop();
    }
  });
});
