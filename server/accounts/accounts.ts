import type { RequestHandler } from 'express';
import { bearerTokenResolver, type ActorResolver } from '../auth/authenticate.ts';
import { sessionCookieResolver } from '../auth/session-resolver.ts';
import { DEFAULT_RATE_LIMITS, DEFAULT_SESSION_TTL_MS, type RateLimitGroup, type ServerConfig } from '../config.ts';
import { noLimit, rateLimit, type BucketLimit } from '../http/rate-limit.ts';
import { SameOrigin } from '../http/same-origin.ts';
import type { AccountsStore } from '../store/types.ts';
import { AuthService } from './auth-service.ts';
import { InviteService } from './invite-service.ts';
import { LoginThrottle } from './login-throttle.ts';
import { OrgService } from './org-service.ts';
import { SessionService } from './session-service.ts';
import { TokenService } from './token-service.ts';

/** Everything about who may do what: sessions, users and organisations, tokens, and how requests prove who they are. */
export interface Accounts {
  auth: AuthService;
  sessions: SessionService;
  orgs: OrgService;
  tokens: TokenService;
  invites: InviteService;
  sameOrigin: SameOrigin;
  /** Bearer tokens first (automation), then the session cookie (pages). */
  resolvers: ActorResolver[];
  /** The per-IP limit of a route group, or a pass-through when it is switched off. */
  limit(group: RateLimitGroup): RequestHandler;
  /** The bucket of a route group, or null when it is switched off. */
  limitOf(group: RateLimitGroup): BucketLimit | null;
}

/** Builds the account services over an open store. */
export function createAccounts(deps: {
  store: AccountsStore;
  config: ServerConfig;
  baseUrl: string;
  defaultOrgId: string;
}): Accounts {
  const { store, config } = deps;
  const sameOrigin = new SameOrigin({ publicUrl: config.publicUrl, defaultBase: deps.baseUrl });
  const sessions = new SessionService(store, {
    ttlMs: config.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    secure: deps.baseUrl.startsWith('https:'),
  });
  const limits = config.rateLimits;
  const limitOf = (group: RateLimitGroup): BucketLimit | null =>
    limits === 'off' ? null : limits?.[group] === undefined ? DEFAULT_RATE_LIMITS[group] : limits[group];
  // One throttle for every password check: logging in through an invite link is not a way around it.
  const throttle = new LoginThrottle();
  return {
    auth: new AuthService({ store, sessions, throttle, defaultOrgId: deps.defaultOrgId }),
    sessions,
    orgs: new OrgService(store),
    tokens: new TokenService(store),
    invites: new InviteService({ store, sessions, throttle, baseUrl: deps.baseUrl }),
    sameOrigin,
    resolvers: [
      bearerTokenResolver({ store, adminToken: config.adminToken, defaultOrgId: deps.defaultOrgId }),
      sessionCookieResolver(sessions, sameOrigin),
    ],
    limit(group) {
      const limit = limitOf(group);
      return limit ? rateLimit({ ...limit, group }) : noLimit();
    },
    limitOf,
  };
}
