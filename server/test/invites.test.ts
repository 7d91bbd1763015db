/** Invite links end to end over HTTP: an owner makes one, someone joins with it once, and every other use is refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InviteService } from '../accounts/invite-service.ts';
import { LoginThrottle } from '../accounts/login-throttle.ts';
import { hashToken } from '../auth/token-hash.ts';
import { newId } from '../ids.ts';
import { addToken, addUser, cookieFrom, login, sessionClient, type SessionClient } from './accounts-fixture.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
let owner: SessionClient;

beforeAll(async () => {
  t = await startTestServer();
  owner = await login(t, await addUser(t, 'o_default', 'owner', 'Olga'));
});

afterAll(async () => {
  await t?.stop();
});

async function invite(
  body: Record<string, unknown>,
): Promise<{ id: string; url: string; token: string; expiresAt: string }> {
  const res = await owner.api('/invites', { method: 'POST', body });
  expect(res.status).toBe(201);
  const created = await res.json();
  return { ...created, token: created.url.split('/invite/')[1] };
}

/** Accepts as a browser on our page would: our Origin, no cookie. */
function accept(body: Record<string, unknown>, origin: string | null = t.url) {
  return fetch(`${t.url}/api/v1/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });
}

const errorCode = async (res: Response) => (await res.json()).error.code;

describe("an owner's invite links", () => {
  it("gives a single-use link under the server's address that expires in 7 days, listed as pending without its token", async () => {
    const before = Date.now();
    const created = await invite({ role: 'manager', email: 'Kim@Example.com' });
    expect(created.url).toMatch(new RegExp(`^${t.url}/invite/[A-Za-z0-9_-]{40,}$`));
    expect(created).toMatchObject({ email: 'kim@example.com', role: 'manager' });
    const days = (Date.parse(created.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const listed = await (await owner.api('/invites')).json();
    expect(listed.invites.find((i: any) => i.id === created.id)).toMatchObject({
      email: 'kim@example.com',
      role: 'manager',
    });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    // Only the hash of the token is kept.
    expect(await t.server.running.store.findInviteByHash(hashToken(created.token))).toMatchObject({ id: created.id });
    expect(await t.server.running.store.findInviteByHash(created.token)).toBeNull();
  });

  it('lets a new person create an account with the link, join with its role and land logged in', async () => {
    const { token } = await invite({ role: 'manager' });
    const res = await accept({
      token,
      account: 'new',
      email: 'nadia@example.com',
      name: 'Nadia',
      password: 'a long password',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      user: { email: 'nadia@example.com', name: 'Nadia' },
      org: { id: 'o_default' },
      role: 'manager',
    });
    const nadia = sessionClient(t, cookieFrom(res));
    expect(await (await nadia.api('/session')).json()).toMatchObject({ role: 'manager' });
    const members = (await (await owner.api('/users')).json()).users;
    expect(members.find((m: any) => m.email === 'nadia@example.com')).toMatchObject({ role: 'manager', name: 'Nadia' });
  });

  it('lets someone with an account in another organisation log in with the link and join this one', async () => {
    const elsewhere = await addUser(t, 'o_other_team', 'owner', 'Eli');
    const { token } = await invite({ role: 'editor', email: elsewhere.email });
    const wrong = await accept({ token, account: 'existing', email: elsewhere.email, password: 'not the password' });
    expect([wrong.status, await errorCode(wrong)]).toEqual([401, 'auth.bad_credentials']);
    const res = await accept({ token, account: 'existing', email: elsewhere.email, password: elsewhere.password });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ org: { id: 'o_default' }, role: 'editor' });
    expect(await t.server.running.store.getMembership('o_default', elsewhere.id)).toMatchObject({ role: 'editor' });
    expect(await t.server.running.store.getMembership('o_other_team', elsewhere.id)).toMatchObject({ role: 'owner' });
  });

  it('keeps the email an invite names: another address is refused, and the fixed one is used when none is sent', async () => {
    const { token } = await invite({ role: 'editor', email: 'fixed@example.com' });
    const other = await accept({
      token,
      account: 'new',
      email: 'someone-else@example.com',
      password: 'a long password',
    });
    expect([other.status, await errorCode(other)]).toEqual([403, 'invite.email_mismatch']);
    const res = await accept({ token, account: 'new', password: 'a long password' });
    expect(res.status).toBe(201);
    expect((await res.json()).user.email).toBe('fixed@example.com');
  });

  it('refuses a link used once already, with invite.used (410)', async () => {
    const { token } = await invite({ role: 'editor' });
    expect(
      (await accept({ token, account: 'new', email: 'once@example.com', password: 'a long password' })).status,
    ).toBe(201);
    const again = await accept({ token, account: 'new', email: 'twice@example.com', password: 'a long password' });
    expect([again.status, await errorCode(again)]).toEqual([410, 'invite.used']);
  });

  it('refuses a revoked link with invite.revoked (410), and it is no longer pending', async () => {
    const { id, token } = await invite({ role: 'editor' });
    expect((await owner.api(`/invites/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await owner.api(`/invites/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await (await owner.api('/invites')).json()).invites.map((i: any) => i.id)).not.toContain(id);
    const res = await accept({ token, account: 'new', email: 'late@example.com', password: 'a long password' });
    expect([res.status, await errorCode(res)]).toEqual([410, 'invite.revoked']);
  });

  it('refuses a link whose stored expiry has passed with invite.expired (410)', async () => {
    const token = 'expired-token-made-for-this-test-0123456789';
    await t.server.running.store.createInvite({
      id: newId('i'),
      orgId: 'o_default',
      tokenHash: hashToken(token),
      email: null,
      role: 'editor',
      createdBy: null,
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await accept({ token, account: 'new', email: 'slow@example.com', password: 'a long password' });
    expect([res.status, await errorCode(res)]).toEqual([410, 'invite.expired']);
    expect((await fetch(`${t.url}/invite/${token}`)).status).toBe(410);
  });

  it('refuses a made-up link with invite.not_found (404), however it looks', async () => {
    for (const token of ['forged-token-0123456789abcdefghijkl', 'x', '../../etc/passwd']) {
      const res = await accept({ token, account: 'new', email: 'forger@example.com', password: 'a long password' });
      expect([token, res.status, await errorCode(res)]).toEqual([token, 404, 'invite.not_found']);
    }
  });

  it("refuses an accept sent from another site's page (it would set a session cookie)", async () => {
    const { token } = await invite({ role: 'editor' });
    const res = await accept(
      { token, account: 'new', email: 'csrf@example.com', password: 'a long password' },
      'https://evil.example',
    );
    expect([res.status, await errorCode(res)]).toEqual([403, 'auth.bad_origin']);
  });

  it('lets only owners make, list and revoke invites', async () => {
    const { id } = await invite({ role: 'editor' });
    for (const role of ['editor', 'manager'] as const) {
      const member = await login(t, await addUser(t, 'o_default', role));
      expect((await member.api('/invites', { method: 'POST', body: { role: 'owner' } })).status).toBe(403);
      expect((await member.api('/invites')).status).toBe(403);
      expect((await member.api(`/invites/${id}`, { method: 'DELETE' })).status).toBe(403);
    }
  });

  it("keeps each organisation's invites to itself: another org's owner can neither see nor revoke them", async () => {
    const { id } = await invite({ role: 'editor', email: 'private@example.com' });
    const bravo = await addToken(t, 'o_bravo_invites', 'owner');
    const listed = await t.api('/invites', { token: bravo });
    expect(JSON.stringify(await listed.json())).not.toContain('private@example.com');
    const revoke = await t.api(`/invites/${id}`, { method: 'DELETE', token: bravo });
    expect([revoke.status, await errorCode(revoke)]).toEqual([404, 'invite.not_found']);
    expect((await (await owner.api('/invites')).json()).invites.map((i: any) => i.id)).toContain(id);
  });

  it('answers bad invite bodies with request.invalid and sentences a person can read', async () => {
    const res = await owner.api('/invites', { method: 'POST', body: { role: 'boss', email: 'not-an-email' } });
    const { error } = await res.json();
    expect([res.status, error.code]).toEqual([400, 'request.invalid']);
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'email', message: 'Enter an email address like name@example.com.' }),
        expect.objectContaining({ path: 'role', message: 'Choose a role: owner, editor or manager.' }),
      ]),
    );
    const { token } = await invite({ role: 'editor' });
    const short = await accept({ token, account: 'new', email: 'short@example.com', password: 'short' });
    expect((await short.json()).error.details).toEqual([
      expect.objectContaining({ path: 'password', message: 'The password needs at least 8 characters.' }),
    ]);
  });
});

describe('the invite page, /invite/<token>', () => {
  it("shows the organisation, the role, and the invite's email fixed in the new-account form", async () => {
    await owner.api('/orgs/o_default', { method: 'PATCH', body: { name: 'Acme <Support>' } });
    const { token } = await invite({ role: 'manager', email: 'page@example.com' });
    const res = await fetch(`${t.url}/invite/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Join Acme &#60;Support&#62; on Chatlet');
    expect(html).toContain('answer visitors in the console');
    expect(html).toMatch(/name="email"[^>]*value="page@example.com" readonly/);
    expect(html).toContain('data-action="invite"');
  });

  it('says in words that a used, withdrawn or made-up link no longer works', async () => {
    const used = await invite({ role: 'editor' });
    await accept({ token: used.token, account: 'new', email: 'page-used@example.com', password: 'a long password' });
    const revoked = await invite({ role: 'editor' });
    await owner.api(`/invites/${revoked.id}`, { method: 'DELETE' });
    const cases: [string, number, string][] = [
      [used.token, 410, 'This invite link has been used'],
      [revoked.token, 410, 'This invite link was withdrawn'],
      ['made-up-link-0123456789abcdefghijkl', 404, 'This invite link is not valid'],
    ];
    for (const [token, status, title] of cases) {
      const res = await fetch(`${t.url}/invite/${token}`);
      const html = await res.text();
      expect([res.status, html.includes(`<h1>${title}</h1>`), html.includes('href="/login"')]).toEqual([
        status,
        true,
        true,
      ]);
    }
  });
});

describe('invite expiry under an injected clock', () => {
  it('lets a link work for its last second and refuses it from its 7th day on, with no waiting', async () => {
    const { store } = t.server.running;
    let now = Date.parse('2026-03-01T12:00:00Z');
    const invites = new InviteService({
      store,
      sessions: undefined as never,
      throttle: new LoginThrottle(),
      baseUrl: t.url,
      now: () => now,
    });
    const { token } = await invites.create(
      { orgId: 'o_default', role: 'owner', via: 'admin-token' },
      { role: 'editor' },
    );
    now += 7 * 86_400_000 - 1000;
    expect((await invites.inspect(token)).invite.role).toBe('editor');
    now += 1000;
    await expect(invites.inspect(token)).rejects.toMatchObject({ status: 410, code: 'invite.expired' });
  });
});
