import type { Request, RequestHandler } from 'express';
import { apiError, type HttpError } from '../http/http-error.ts';
import type { AccountsStore, Role } from '../store/types.ts';
import type { Actor } from './actor.ts';
import { hashToken, sameSecret } from './token-hash.ts';

/**
 * One way of recognising a caller. Returns the actor, `null` when the request carries no credential of
 * this kind, or `'invalid'` when it carries one that is wrong; it may also throw its own HttpError (the session
 * resolver answers 401 auth.session_expired and 403 auth.bad_origin).
 */
export type ActorResolver = (req: Request) => Promise<Actor | null | 'invalid'>;

/** Resolves `req.actor` from the first resolver that recognises a credential; 401 when none does. */
export function authenticate(resolvers: ActorResolver[]): RequestHandler {
  return async function authenticate(req, _res, next) {
    for (const resolve of resolvers) {
      const actor = await resolve(req);
      if (actor === 'invalid') throw unauthorized('auth.invalid_token');
      if (actor) {
        req.actor = actor;
        req.log = req.log.child({ orgId: actor.orgId, via: actor.via });
        return next();
      }
    }
    throw unauthorized('auth.required');
  };
}

/** Bearer tokens: the bootstrap `CHATLET_ADMIN_TOKEN` (owner of the default org) or a stored API token. */
export function bearerTokenResolver(options: {
  store: Pick<AccountsStore, 'findTokenByHash'>;
  adminToken?: string;
  defaultOrgId: string;
}): ActorResolver {
  return async function bearerToken(req) {
    const header = req.get('authorization');
    if (header === undefined) return null;
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
    if (!match) return 'invalid';
    const token = match[1];
    if (options.adminToken && sameSecret(token, options.adminToken)) {
      return { orgId: options.defaultOrgId, role: 'owner', via: 'admin-token' };
    }
    const stored = await options.store.findTokenByHash(hashToken(token));
    if (!stored) return 'invalid';
    return { orgId: stored.orgId, role: stored.role, userId: stored.userId ?? undefined, via: 'api-token' };
  };
}

/** Lets the request through only for these roles; 403 otherwise. */
export function requireRole(...roles: Role[]): RequestHandler {
  return function requireRole(req, _res, next) {
    const actor = actorOf(req);
    if (!roles.includes(actor.role)) {
      throw apiError('auth.forbidden', { message: `This needs the role ${roles.join(' or ')}` });
    }
    next();
  };
}

/** The authenticated caller; a route mounted without `authenticate()` that calls this is a bug, answered as 401. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw unauthorized('auth.required', 'Authentication required');
  return req.actor;
}

function unauthorized(code: 'auth.required' | 'auth.invalid_token', message?: string): HttpError {
  return apiError(code, { message, headers: { 'WWW-Authenticate': 'Bearer' } });
}
