/** Invite links to an organisation: what the store keeps of them, and the store methods that use them. */
import type { Role, User } from './user-types.ts';

/** An invite as stored: the link's token itself is never kept, only its SHA-256. */
export interface Invite {
  id: string;
  orgId: string;
  /** When set, only this email may accept (lower case). */
  email: string | null;
  role: Role;
  /** The user who made it; null when it was made with a token that has no user. */
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
}

export interface NewInvite {
  id: string;
  orgId: string;
  tokenHash: string;
  email: string | null;
  role: Role;
  createdBy: string | null;
  expiresAt: Date;
}

/** Who accepts an invite: a user who exists already, or a new account to create in the same transaction. */
export type InviteAccepter = { userId: string } | { newUser: Omit<User, 'createdAt'> };

/**
 * What accepting did: `ok` with the member's user id; otherwise why nothing changed. `member` means the user already
 * belongs to the organisation; `email_taken` that a new account's email has one already.
 */
export type AcceptOutcome =
  | { status: 'ok'; userId: string; invite: Invite }
  | { status: 'not_found' | 'expired' | 'used' | 'revoked' | 'member' | 'email_taken' };

/** The invite methods of the Store; the accounts store implements them. */
export interface InviteStore {
  createInvite(invite: NewInvite): Promise<Invite>;
  /** The invite with this token hash, whatever its state (pending, used, revoked or expired). */
  findInviteByHash(tokenHash: string): Promise<Invite | null>;
  /** The organisation's invites that can still be accepted at `now`, newest first. */
  listPendingInvites(orgId: string, now: Date): Promise<Invite[]>;
  /** Revokes a pending invite of the organisation; false when there is none with that id (or it was used). */
  revokeInvite(orgId: string, id: string): Promise<boolean>;
  /**
   * Uses an invite, atomically: checks it is pending at `now`, creates the new user if there is one, makes them a
   * member with the invite's role and marks the invite used. Two acceptances of one link cannot both succeed.
   */
  acceptInvite(input: { tokenHash: string; accepter: InviteAccepter; now: Date }): Promise<AcceptOutcome>;
}
