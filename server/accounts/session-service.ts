import type { Request, Response } from 'express';
import { clearSessionCookie, newSessionSecret, sessionSecretOf, setSessionCookie } from '../auth/session-cookie.ts';
import { hashToken } from '../auth/token-hash.ts';
import type { AccountsStore, Role, Session } from '../store/types.ts';

/** A live session as the API shows it. */
export interface SessionView {
  user: { id: string; email: string; name: string };
  org: { id: string; name: string };
  role: Role;
}

export interface SessionOptions {
  /** How long a session lives without use; every use within it pushes the expiry out again (sliding). */
  ttlMs: number;
  /** Add `Secure` to the cookie (PUBLIC_URL is https). */
  secure: boolean;
  now?: () => number;
}

// Sliding expiry writes at most once an hour per session, not on every request.
const REFRESH_AFTER_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Login sessions for the builder and console pages: a random secret in an HttpOnly cookie, its SHA-256 in the
 * store (so sessions survive restarts and are shared by every instance), an expiry that slides with use.
 */
export class SessionService {
  private lastSweep = 0;

  constructor(
    private readonly store: AccountsStore,
    private readonly options: SessionOptions,
  ) {}

  /** Starts a session for `userId` acting in `orgId` and sets its cookie. */
  async start(res: Response, userId: string, orgId: string): Promise<void> {
    const secret = newSessionSecret();
    await this.store.createSession({
      idHash: hashToken(secret),
      userId,
      orgId,
      expiresAt: new Date(this.now() + this.options.ttlMs),
    });
    setSessionCookie(res, secret, this.options.ttlMs, this.options.secure);
    await this.sweep();
  }

  /**
   * The session the request's cookie names: null without a cookie, `'expired'` for a cookie that names no live
   * session (unknown, expired, logged out, or removed from its organisation). Slides the expiry when due.
   */
  async resolve(req: Request): Promise<{ idHash: string; session: Session & { role: Role } } | null | 'expired'> {
    const secret = sessionSecretOf(req);
    if (!secret) return req.get('cookie')?.includes('chatlet_session=') ? 'expired' : null;
    const idHash = hashToken(secret);
    const session = await this.store.getSession(idHash);
    if (!session || session.role === null) return 'expired';
    const now = this.now();
    const refreshAfter = Math.min(REFRESH_AFTER_MS, this.options.ttlMs / 10);
    if (session.expiresAt.getTime() - now < this.options.ttlMs - refreshAfter) {
      const expiresAt = new Date(now + this.options.ttlMs);
      await this.store.updateSession(idHash, { expiresAt });
      if (req.res) setSessionCookie(req.res, secret, this.options.ttlMs, this.options.secure);
      session.expiresAt = expiresAt;
    }
    return { idHash, session: session as Session & { role: Role } };
  }

  /** Makes `orgId` the session's current organisation. */
  async switchOrg(idHash: string, orgId: string): Promise<void> {
    await this.store.updateSession(idHash, { orgId });
  }

  /** Ends the request's session, if any, and clears the cookie either way. */
  async end(req: Request, res: Response): Promise<void> {
    const secret = sessionSecretOf(req);
    if (secret) await this.store.deleteSession(hashToken(secret));
    clearSessionCookie(res, this.options.secure);
  }

  /** Tells the browser to drop a cookie that names no live session. */
  clear(res: Response): void {
    clearSessionCookie(res, this.options.secure);
  }

  /** The API's view of a session: who, in which organisation, with which role. */
  async view(session: {
    userId: string;
    orgId: string;
    role: Role;
    email: string;
    name: string;
  }): Promise<SessionView> {
    const org = await this.store.getOrg(session.orgId);
    return {
      user: { id: session.userId, email: session.email, name: session.name },
      org: { id: session.orgId, name: org?.name ?? session.orgId },
      role: session.role,
    };
  }

  /** Expired sessions are deleted now and then, on login, rather than by a timer. */
  private async sweep(): Promise<void> {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    await this.store.deleteExpiredSessions();
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}
