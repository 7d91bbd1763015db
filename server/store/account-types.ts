/**
 * The accounts facet of the store: organisations, users and their memberships, API tokens, login sessions,
 * invites, and the server's named secrets (credentials too). Account services take only this facet.
 */
import type { InviteStore } from './invite-types.ts';
import type { Role, User } from './user-types.ts';

export { ROLES, type Role, type User } from './user-types.ts';

export interface Org {
  id: string;
  name: string;
  createdAt: Date;
}

export interface Membership {
  orgId: string;
  userId: string;
  role: Role;
}

/** A bearer token for automation. Only the SHA-256 of the secret is stored. */
export interface ApiToken {
  id: string;
  orgId: string;
  userId: string | null;
  role: Role;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** A user as a member of one organisation. */
export interface OrgMember {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}

/** A stored login session, read with the user's current role in the session's organisation. */
export interface Session {
  userId: string;
  orgId: string;
  /** Null when the user is no longer a member of `orgId`. */
  role: Role | null;
  email: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface NewToken {
  id: string;
  orgId: string;
  userId: string | null;
  role: Role;
  name: string;
  tokenHash: string;
  expiresAt: Date | null;
}

/** Who may use the server, and how they prove it: the account half of the store. */
export interface AccountsStore extends InviteStore {
  /** Creates the organisation if it does not exist; returns it either way. */
  ensureOrg(org: { id: string; name: string }): Promise<Org>;
  getOrg(id: string): Promise<Org | null>;

  /** Creates an organisation and makes `ownerId` (when given) its owner, in one transaction. */
  createOrg(org: { id: string; name: string }, ownerId?: string): Promise<Org>;
  renameOrg(id: string, name: string): Promise<Org | null>;
  /** The organisations a user belongs to, oldest membership first, with their role in each. */
  listUserOrgs(userId: string): Promise<{ org: Org; role: Role }[]>;

  /** True once any user exists: the install has been set up. */
  hasUsers(): Promise<boolean>;
  /**
   * The first owner of an empty install: creates the user, renames `orgId` and makes them its owner, atomically.
   * Null (and nothing changes) when a user already exists, however many installs race.
   */
  createFirstOwner(input: { user: Omit<User, 'createdAt'>; orgId: string; orgName: string }): Promise<User | null>;
  createUser(user: Omit<User, 'createdAt'>): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  /** Adds the user to the org, or changes their role there. */
  setMembership(membership: Membership): Promise<void>;
  getMembership(orgId: string, userId: string): Promise<Membership | null>;
  listMembers(orgId: string): Promise<OrgMember[]>;
  /**
   * Changes a member's role, or removes them with `null`. Refuses (`'last_owner'`) to leave an organisation
   * without an owner; `'not_found'` when the user is not a member.
   */
  updateMembership(orgId: string, userId: string, role: Role | null): Promise<'ok' | 'not_found' | 'last_owner'>;

  createToken(token: NewToken): Promise<ApiToken>;
  /** The live token with this hash: not revoked, not expired, and its user (if any) still a member of its org. */
  findTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  /** The organisation's tokens that are not revoked, expired ones included, newest first. */
  listTokens(orgId: string): Promise<ApiToken[]>;
  revokeToken(orgId: string, id: string): Promise<boolean>;

  createSession(session: { idHash: string; userId: string; orgId: string; expiresAt: Date }): Promise<void>;
  /** The session with this hash if it has not expired, with the user's role in its org. */
  getSession(idHash: string): Promise<Session | null>;
  /** Moves the expiry (sliding sessions) and/or the current organisation. */
  updateSession(idHash: string, change: { expiresAt?: Date; orgId?: string }): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes sessions that have expired; returns how many. */
  deleteExpiredSessions(): Promise<number>;

  /** The named secret, created from `generate()` on first use; every instance then reads the same one. */
  secret(name: string, generate: () => string): Promise<string>;
}
