import type { Response } from 'express';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { apiError, type HttpError } from '../http/http-error.ts';
import { tooManyRequests } from '../http/rate-limit.ts';
import { newId } from '../ids.ts';
import { logins } from '../metrics/registry.ts';
import type { AccountsStore } from '../store/types.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { SessionService, SessionView } from './session-service.ts';

/** First-owner set-up and password login; both end with a session cookie. */
export class AuthService {
  private setUp = false;

  constructor(
    private readonly deps: {
      store: AccountsStore;
      sessions: SessionService;
      throttle: LoginThrottle;
      defaultOrgId: string;
    },
  ) {}

  /** True once a user exists. Cached once true: users are never deleted, only removed from organisations. */
  async isSetUp(): Promise<boolean> {
    if (!this.setUp) this.setUp = await this.deps.store.hasUsers();
    return this.setUp;
  }

  /**
   * Creates the first owner in the default organisation (renamed to `orgName`) and logs them in.
   * 409 `setup.done` as soon as any user exists, including when two set-ups race.
   */
  async setup(
    res: Response,
    input: { email: string; password: string; name?: string; orgName: string },
  ): Promise<SessionView> {
    if (await this.isSetUp()) throw setupDone();
    const user = await this.deps.store.createFirstOwner({
      user: {
        id: newId('u'),
        email: input.email,
        name: input.name || input.email.split('@')[0],
        passwordHash: await hashPassword(input.password),
      },
      orgId: this.deps.defaultOrgId,
      orgName: input.orgName,
    });
    if (!user) {
      this.setUp = true;
      throw setupDone();
    }
    this.setUp = true;
    await this.deps.sessions.start(res, user.id, this.deps.defaultOrgId);
    return this.deps.sessions.view({
      userId: user.id,
      orgId: this.deps.defaultOrgId,
      role: 'owner',
      email: user.email,
      name: user.name,
    });
  }

  /**
   * Checks an email and password and starts a session in the user's first organisation.
   * A wrong password and an unknown email get the same 401 in the same time; too many attempts get 429.
   */
  async login(res: Response, input: { email: string; password: string }, ip: string): Promise<SessionView> {
    const wait = this.deps.throttle.attempt(input.email, ip);
    if (wait > 0) {
      logins.inc({ result: 'throttled' });
      throw tooManyRequests(wait);
    }
    const user = await this.deps.store.getUserByEmail(input.email);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
    if (!user || !ok) {
      logins.inc({ result: 'bad_credentials' });
      throw apiError('auth.bad_credentials');
    }
    this.deps.throttle.succeeded(input.email);
    const orgs = await this.deps.store.listUserOrgs(user.id);
    if (orgs.length === 0) throw apiError('auth.no_organisation');
    logins.inc({ result: 'ok' });
    const { org, role } = orgs[0];
    await this.deps.sessions.start(res, user.id, org.id);
    return { user: { id: user.id, email: user.email, name: user.name }, org: { id: org.id, name: org.name }, role };
  }
}

function setupDone(): HttpError {
  return apiError('setup.done');
}
