import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { Actor } from '../auth/actor.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/token-hash.ts';
import { apiError, notFound } from '../http/http-error.ts';
import { tooManyRequests } from '../http/rate-limit.ts';
import { newId } from '../ids.ts';
import type { Invite, InviteAccepter } from '../store/invite-types.ts';
import type { AccountsStore, Role } from '../store/types.ts';
import { inviteProblem } from './invite-errors.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { SessionService, SessionView } from './session-service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_INVITE_DAYS = 7;
// What `newInviteToken` makes (base64url of 32 bytes); anything else is refused before touching the store.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/** A pending invite with what its page shows: the organisation's name. */
export interface InviteDetails {
  invite: Invite;
  orgName: string;
}

/** How the invitee accepts: with a new account, or by logging in to the one they have. */
export type AcceptInput =
  | { token: string; account: 'new'; email?: string; name?: string; password: string }
  | { token: string; account: 'existing'; email: string; password: string };

export interface InviteServiceDeps {
  store: AccountsStore;
  sessions: SessionService;
  /** Shared with password login, so guessing through invite links is slowed as much. */
  throttle: LoginThrottle;
  /** PUBLIC_URL (or its guess): links are `${baseUrl}/invite/<token>`. */
  baseUrl: string;
  /** Injected in tests, to see links expire without waiting a week. */
  now?: () => number;
}

/**
 * Invite links: an owner makes one for a role (and, optionally, one email); whoever opens it before it expires
 * creates an account or logs in, and joins the organisation. The link's token is shown once; the store keeps its hash.
 */
export class InviteService {
  constructor(private readonly deps: InviteServiceDeps) {}

  /** A new link into the caller's organisation, valid for `expiresInDays` (default 7); its token is only here. */
  async create(
    actor: Actor,
    input: { email?: string; role: Role; expiresInDays?: number },
  ): Promise<{ invite: Invite; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const invite = await this.deps.store.createInvite({
      id: newId('i'),
      orgId: actor.orgId,
      tokenHash: hashToken(token),
      email: input.email ?? null,
      role: input.role,
      createdBy: actor.userId ?? null,
      expiresAt: new Date(this.now() + (input.expiresInDays ?? DEFAULT_INVITE_DAYS) * DAY_MS),
    });
    return { invite, token };
  }

  /** The caller's organisation's invites that can still be used. */
  list(actor: Actor): Promise<Invite[]> {
    return this.deps.store.listPendingInvites(actor.orgId, new Date(this.now()));
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    if (!(await this.deps.store.revokeInvite(actor.orgId, id))) throw notFound('invite', id);
  }

  /** The pending invite a link names; a coded 404/410 (`invite.not_found|expired|used|revoked`) otherwise. */
  async inspect(token: string): Promise<InviteDetails> {
    const invite = TOKEN_PATTERN.test(token) ? await this.deps.store.findInviteByHash(hashToken(token)) : null;
    if (!invite) throw inviteProblem('not_found');
    if (invite.revokedAt) throw inviteProblem('revoked');
    if (invite.acceptedAt) throw inviteProblem('used');
    if (invite.expiresAt.getTime() <= this.now()) throw inviteProblem('expired');
    const org = await this.deps.store.getOrg(invite.orgId);
    return { invite, orgName: org?.name ?? invite.orgId };
  }

  /** Uses a link: makes the account (or checks the password of the existing one), joins, and logs in there. */
  async accept(res: Response, input: AcceptInput, ip: string): Promise<SessionView> {
    const { invite, orgName } = await this.inspect(input.token);
    const email = input.email ?? invite.email;
    if (invite.email && email !== invite.email) {
      throw apiError('invite.email_mismatch', { message: `This invite is for ${invite.email}; use that address.` });
    }
    if (!email) {
      throw apiError('request.invalid', {
        message: 'Enter your email address.',
        details: [{ path: 'email', message: 'Enter your email address.', code: 'invalid_type' }],
      });
    }
    const accepter =
      input.account === 'new'
        ? await this.newAccount(email, input.name, input.password)
        : await this.existingAccount(email, input.password, ip);
    const outcome = await this.deps.store.acceptInvite({
      tokenHash: hashToken(input.token),
      accepter,
      now: new Date(this.now()),
    });
    if (outcome.status === 'member') {
      throw apiError('invite.already_member', { message: `You are a member of ${orgName} already: log in instead.` });
    }
    if (outcome.status === 'email_taken') {
      throw apiError('invite.account_exists', {
        message: `An account with ${email} exists already: log in with it to join.`,
      });
    }
    if (outcome.status !== 'ok') throw inviteProblem(outcome.status);
    const user = (await this.deps.store.getUser(outcome.userId))!;
    await this.deps.sessions.start(res, user.id, invite.orgId);
    return {
      user: { id: user.id, email: user.email, name: user.name },
      org: { id: invite.orgId, name: orgName },
      role: invite.role,
    };
  }

  /** `${PUBLIC_URL}/invite/<token>`, or under `base` (the address the owner used, when PUBLIC_URL is not set). */
  urlOf(token: string, base = this.deps.baseUrl): string {
    return `${base}/invite/${token}`;
  }

  private async newAccount(email: string, name: string | undefined, password: string): Promise<InviteAccepter> {
    return {
      newUser: { id: newId('u'), email, name: name || email.split('@')[0], passwordHash: await hashPassword(password) },
    };
  }

  /** Checked like a login: the same throttle, and the same answer for a wrong password and an unknown email. */
  private async existingAccount(email: string, password: string, ip: string): Promise<InviteAccepter> {
    const wait = this.deps.throttle.attempt(email, ip);
    if (wait > 0) throw tooManyRequests(wait);
    const user = await this.deps.store.getUserByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !ok) throw apiError('auth.bad_credentials');
    this.deps.throttle.succeeded(email);
    return { userId: user.id };
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }
}
