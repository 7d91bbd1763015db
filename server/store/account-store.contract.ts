/**
 * The accounts part of the Store contract: set-up, users and memberships, organisations, tokens and sessions.
 * Registered by `runStoreContract`, before anything else creates a user.
 */
import { expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { Store } from './types.ts';

export interface ContractContext {
  store: Store;
  orgId: string;
  otherOrgId: string;
}

const user = (name = 'Ann') => ({
  id: newId('u'),
  email: `${newId('e').toLowerCase()}@example.com`,
  name,
  passwordHash: 'scrypt$x',
});

export function runAccountContract(context: () => ContractContext): void {
  it('creates exactly one first owner however many set-ups race, and renames their organisation', async () => {
    const { store } = context();
    expect(await store.hasUsers()).toBe(false);
    const orgId = (await store.ensureOrg({ id: newId('o'), name: 'Before' })).id;
    const attempts = await Promise.all(
      [user('A'), user('B'), user('C'), user('D')].map((u) =>
        store.createFirstOwner({ user: u, orgId, orgName: `Org of ${u.name}` }),
      ),
    );
    const winners = attempts.filter((u) => u !== null);
    expect(winners).toHaveLength(1);
    expect(await store.hasUsers()).toBe(true);
    expect((await store.getOrg(orgId))!.name).toBe(`Org of ${winners[0]!.name}`);
    expect(await store.getMembership(orgId, winners[0]!.id)).toEqual({ orgId, userId: winners[0]!.id, role: 'owner' });
    expect(await store.createFirstOwner({ user: user(), orgId, orgName: 'Late' })).toBeNull();
  });

  it("lists an organisation's members and a user's organisations, each scoped to itself", async () => {
    const { store, orgId, otherOrgId } = context();
    const ann = await store.createUser(user('Ann'));
    const bob = await store.createUser(user('Bob'));
    await store.setMembership({ orgId, userId: ann.id, role: 'owner' });
    await store.setMembership({ orgId: otherOrgId, userId: bob.id, role: 'editor' });
    const own = await store.createOrg({ id: newId('o'), name: "Ann's second" }, ann.id);
    expect((await store.getUser(ann.id))!.email).toBe(ann.email);
    expect(await store.getUser(newId('u'))).toBeNull();

    const members = await store.listMembers(orgId);
    expect(members.find((m) => m.userId === ann.id)).toMatchObject({ email: ann.email, name: 'Ann', role: 'owner' });
    expect(members.some((m) => m.userId === bob.id)).toBe(false);
    expect((await store.listUserOrgs(ann.id)).map((o) => [o.org.id, o.role])).toEqual([
      [orgId, 'owner'],
      [own.id, 'owner'],
    ]);
    expect((await store.renameOrg(own.id, 'Renamed'))!.name).toBe('Renamed');
    expect(await store.renameOrg(newId('o'), 'x')).toBeNull();
  });

  it('never leaves an organisation without an owner, and removing a member ends their sessions there', async () => {
    const { store } = context();
    const org = await store.createOrg({ id: newId('o'), name: 'Solo' });
    const [owner, editor] = [await store.createUser(user('Owner')), await store.createUser(user('Editor'))];
    await store.setMembership({ orgId: org.id, userId: owner.id, role: 'owner' });
    await store.setMembership({ orgId: org.id, userId: editor.id, role: 'editor' });
    expect(await store.updateMembership(org.id, owner.id, 'editor')).toBe('last_owner');
    expect(await store.updateMembership(org.id, owner.id, null)).toBe('last_owner');
    expect(await store.updateMembership(org.id, newId('u'), 'editor')).toBe('not_found');
    expect(await store.updateMembership(org.id, editor.id, 'owner')).toBe('ok');
    // Two owners demoting each other at once: one must stay.
    const both = await Promise.all([
      store.updateMembership(org.id, owner.id, 'editor'),
      store.updateMembership(org.id, editor.id, 'editor'),
    ]);
    expect(both.sort()).toEqual(['last_owner', 'ok']);

    const member = (await store.listMembers(org.id)).find((m) => m.role === 'editor')!;
    const idHash = newId('s');
    await store.createSession({
      idHash,
      userId: member.userId,
      orgId: org.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await store.updateMembership(org.id, member.userId, null)).toBe('ok');
    expect(await store.getMembership(org.id, member.userId)).toBeNull();
    expect(await store.getSession(idHash)).toBeNull();
  });

  it("keeps sessions with the user's current role, moves their expiry and organisation, and forgets expired ones", async () => {
    const { store, orgId, otherOrgId } = context();
    const u = await store.createUser(user('Sam'));
    await store.setMembership({ orgId, userId: u.id, role: 'editor' });
    const idHash = newId('s');
    await store.createSession({ idHash, userId: u.id, orgId, expiresAt: new Date(Date.now() + 60_000) });
    expect(await store.getSession(idHash)).toMatchObject({
      userId: u.id,
      orgId,
      role: 'editor',
      email: u.email,
      name: 'Sam',
    });
    await store.setMembership({ orgId, userId: u.id, role: 'manager' });
    expect((await store.getSession(idHash))!.role).toBe('manager');

    const later = new Date(Date.now() + 3_600_000);
    await store.updateSession(idHash, { expiresAt: later });
    expect((await store.getSession(idHash))!.expiresAt.getTime()).toBe(later.getTime());
    await store.updateSession(idHash, { orgId: otherOrgId });
    expect(await store.getSession(idHash)).toMatchObject({ orgId: otherOrgId, role: null });

    const expired = newId('s');
    await store.createSession({ idHash: expired, userId: u.id, orgId, expiresAt: new Date(Date.now() - 1000) });
    expect(await store.getSession(expired)).toBeNull();
    expect(await store.deleteExpiredSessions()).toBeGreaterThanOrEqual(1);
    await store.deleteSession(idHash);
    expect(await store.getSession(idHash)).toBeNull();
  });

  it("lists an organisation's live tokens, and a user's token dies with their membership", async () => {
    const { store, orgId, otherOrgId } = context();
    const u = await store.createUser(user('Tia'));
    await store.setMembership({ orgId, userId: u.id, role: 'editor' });
    const hash = newId('h');
    const token = await store.createToken({
      id: newId('t'),
      orgId,
      userId: u.id,
      role: 'editor',
      name: 'CI',
      tokenHash: hash,
      expiresAt: null,
    });
    expect((await store.listTokens(orgId)).map((t) => t.id)).toContain(token.id);
    expect((await store.listTokens(otherOrgId)).map((t) => t.id)).not.toContain(token.id);
    expect(await store.findTokenByHash(hash)).toMatchObject({ id: token.id, userId: u.id });
    expect(await store.updateMembership(orgId, u.id, null)).toBe('ok');
    expect(await store.findTokenByHash(hash)).toBeNull();
    await store.revokeToken(orgId, token.id);
    expect((await store.listTokens(orgId)).map((t) => t.id)).not.toContain(token.id);
  });

  it('keeps invites by the hash of their link, lists the pending ones of one organisation, and revokes them', async () => {
    const { store, orgId, otherOrgId } = context();
    const now = new Date();
    const invite = (org: string, expiresAt: Date, email: string | null = null) =>
      store.createInvite({
        id: newId('i'),
        orgId: org,
        tokenHash: newId('h'),
        email,
        role: 'manager',
        createdBy: null,
        expiresAt,
      });
    const pending = await invite(orgId, new Date(now.getTime() + 60_000), 'kim@example.com');
    const expired = await invite(orgId, new Date(now.getTime() - 1_000));
    const elsewhere = await invite(otherOrgId, new Date(now.getTime() + 60_000));
    expect(pending).toMatchObject({
      orgId,
      email: 'kim@example.com',
      role: 'manager',
      acceptedAt: null,
      revokedAt: null,
    });

    const listed = (await store.listPendingInvites(orgId, now)).map((i) => i.id);
    expect(listed).toContain(pending.id);
    expect(listed).not.toContain(expired.id);
    expect(listed).not.toContain(elsewhere.id);
    expect(await store.revokeInvite(otherOrgId, pending.id)).toBe(false);
    expect(await store.revokeInvite(orgId, pending.id)).toBe(true);
    expect(await store.revokeInvite(orgId, pending.id)).toBe(false);
    expect((await store.listPendingInvites(orgId, now)).map((i) => i.id)).not.toContain(pending.id);
  });

  it('accepts an invite once, for a new account or an existing user, and says why it refuses one', async () => {
    const { store } = context();
    const org = await store.createOrg({ id: newId('o'), name: 'Invited' });
    const now = new Date();
    const later = new Date(now.getTime() + 3_600_000);
    const make = async (expiresAt = later) => {
      const tokenHash = newId('h');
      await store.createInvite({
        id: newId('i'),
        orgId: org.id,
        tokenHash,
        email: null,
        role: 'editor',
        createdBy: null,
        expiresAt,
      });
      return tokenHash;
    };
    const fresh = user('Nina');
    const first = await make();
    const accepted = await store.acceptInvite({ tokenHash: first, accepter: { newUser: fresh }, now });
    expect(accepted).toMatchObject({ status: 'ok', userId: fresh.id });
    expect(await store.getMembership(org.id, fresh.id)).toEqual({ orgId: org.id, userId: fresh.id, role: 'editor' });
    expect(await store.findInviteByHash(first)).toMatchObject({ acceptedBy: fresh.id });
    expect(await store.acceptInvite({ tokenHash: first, accepter: { newUser: user() }, now })).toEqual({
      status: 'used',
    });

    expect(await store.acceptInvite({ tokenHash: await make(), accepter: { userId: fresh.id }, now })).toEqual({
      status: 'member',
    });
    expect(
      await store.acceptInvite({
        tokenHash: await make(),
        accepter: { newUser: { ...user(), email: fresh.email } },
        now,
      }),
    ).toEqual({ status: 'email_taken' });
    expect(
      await store.acceptInvite({
        tokenHash: await make(new Date(now.getTime() - 1)),
        accepter: { newUser: user() },
        now,
      }),
    ).toEqual({ status: 'expired' });
    expect(await store.acceptInvite({ tokenHash: newId('h'), accepter: { newUser: user() }, now })).toEqual({
      status: 'not_found',
    });

    const existing = await store.createUser(user('Omar'));
    const revokedHash = await make();
    const revoked = (await store.findInviteByHash(revokedHash))!;
    expect(await store.revokeInvite(org.id, revoked.id)).toBe(true);
    expect((await store.findInviteByHash(revokedHash))?.revokedAt ?? null).not.toBeNull();
    expect(await store.acceptInvite({ tokenHash: revokedHash, accepter: { userId: existing.id }, now })).toEqual({
      status: 'revoked',
    });

    // Two people opening one link at the same moment: exactly one joins.
    const raced = await make();
    const [a, b] = await Promise.all(
      [user('P'), user('Q')].map((u) => store.acceptInvite({ tokenHash: raced, accepter: { newUser: u }, now })),
    );
    expect([a.status, b.status].sort()).toEqual(['ok', 'used']);
  });

  it('creates a named secret once and returns the same one to everyone after', async () => {
    const { store } = context();
    const name = newId('s');
    const first = await store.secret(name, () => 'first');
    expect(first).toBe('first');
    expect(await store.secret(name, () => 'second')).toBe('first');
  });
}
