/**
 * Who a user is and the roles they may hold: the types both the accounts facet (account-types.ts)
 * and invites (invite-types.ts) name. Kept apart so neither of those imports the other back.
 */

/** What a member may do in an organisation. */
export type Role = 'owner' | 'editor' | 'manager';
/** Every role. */
export const ROLES: readonly Role[] = ['owner', 'editor', 'manager'];

/** A person who may sign in. */
export interface User {
  id: string;
  email: string;
  name: string;
  /** scrypt/argon2 hash; null for users who only ever sign in with a token. */
  passwordHash: string | null;
  createdAt: Date;
}
