import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { apiError, notFound } from '../http/http-error.ts';
import { newId } from '../ids.ts';
import type { AccountsStore, OrgMember, Role } from '../store/types.ts';

export interface OrgView {
  id: string;
  name: string;
  role: Role;
  /** The organisation the caller is acting in now. */
  current: boolean;
}

/**
 * Organisations and their members. Members are managed in the caller's current organisation only,
 * so an owner of one organisation can do nothing to another's.
 */
export class OrgService {
  constructor(private readonly store: AccountsStore) {}

  listMembers(actor: Actor): Promise<OrgMember[]> {
    return this.store.listMembers(actor.orgId);
  }

  /**
   * Adds a user to the caller's organisation: a new account (password required), or an existing one by email
   * (its password and name are left alone). 409 `user.exists` when they are a member already.
   */
  async addMember(
    actor: Actor,
    input: { email: string; password?: string; name?: string; role: Role },
  ): Promise<OrgMember> {
    let user = await this.store.getUserByEmail(input.email);
    if (!user) {
      if (!input.password) {
        throw apiError('request.invalid', {
          message: 'A new user needs a password',
          details: [{ path: 'password', message: 'required for a new user', code: 'invalid_type' }],
        });
      }
      const passwordHash = await hashPassword(input.password);
      user = await this.store
        .createUser({ id: newId('u'), email: input.email, name: input.name || input.email.split('@')[0], passwordHash })
        .catch(async (err) => {
          // Two adds of one new email at once: the second finds the first's account.
          if ((err as { code?: string }).code !== '23505') throw err;
          return (await this.store.getUserByEmail(input.email))!;
        });
    } else if (await this.store.getMembership(actor.orgId, user.id)) {
      throw apiError('user.exists', { message: `${input.email} is already a member of this organisation` });
    }
    await this.store.setMembership({ orgId: actor.orgId, userId: user.id, role: input.role });
    const member = (await this.store.listMembers(actor.orgId)).find((m) => m.userId === user.id);
    return member!;
  }

  async changeRole(actor: Actor, userId: string, role: Role): Promise<OrgMember> {
    this.check(await this.store.updateMembership(actor.orgId, userId, role), userId);
    return (await this.store.listMembers(actor.orgId)).find((m) => m.userId === userId) ?? fail(userId);
  }

  /** Removes the user from the caller's organisation (the account stays, in its other organisations). */
  async removeMember(actor: Actor, userId: string): Promise<void> {
    this.check(await this.store.updateMembership(actor.orgId, userId, null), userId);
  }

  /** The organisations the caller belongs to; a token without a user sees just its own. */
  async listOrgs(actor: Actor): Promise<OrgView[]> {
    if (!actor.userId) {
      const org = await this.store.getOrg(actor.orgId);
      return org ? [{ id: org.id, name: org.name, role: actor.role, current: true }] : [];
    }
    const orgs = await this.store.listUserOrgs(actor.userId);
    return orgs.map(({ org, role }) => ({ id: org.id, name: org.name, role, current: org.id === actor.orgId }));
  }

  /** Creates an organisation with the caller as its owner. Needs a user: a bare API token cannot own one. */
  async createOrg(actor: Actor, name: string): Promise<OrgView> {
    if (!actor.userId) {
      throw apiError('auth.user_required', {
        message: 'Only a user can create an organisation; log in, or use a token made by a user',
      });
    }
    const org = await this.store.createOrg({ id: newId('o'), name }, actor.userId);
    return { id: org.id, name: org.name, role: 'owner', current: false };
  }

  async renameOrg(actor: Actor, orgId: string, name: string): Promise<OrgView> {
    if (orgId !== actor.orgId) throw notFound('org', orgId);
    const org = await this.store.renameOrg(orgId, name);
    if (!org) throw notFound('org', orgId);
    return { id: org.id, name: org.name, role: actor.role, current: true };
  }

  /** Whether `userId` may act in `orgId`, and as what. */
  async roleIn(orgId: string, userId: string): Promise<Role | null> {
    return (await this.store.getMembership(orgId, userId))?.role ?? null;
  }

  private check(outcome: 'ok' | 'not_found' | 'last_owner', userId: string): void {
    if (outcome === 'not_found') fail(userId);
    if (outcome === 'last_owner') {
      throw apiError('org.last_owner');
    }
  }
}

function fail(userId: string): never {
  throw notFound('user', userId);
}
