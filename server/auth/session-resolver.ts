import type { SessionService } from '../accounts/session-service.ts';
import { apiError } from '../http/http-error.ts';
import { isSafeMethod, type SameOrigin } from '../http/same-origin.ts';
import type { ActorResolver } from './authenticate.ts';

/**
 * The session cookie of the builder and console pages. A cookie is sent by the browser whoever made the page,
 * so a request that changes something must also come from our own origin (`Origin`, else `Referer`):
 * otherwise it is `403 auth.bad_origin` (CSRF). Bearer requests never reach this resolver's check.
 */
export function sessionCookieResolver(sessions: SessionService, sameOrigin: SameOrigin): ActorResolver {
  return async function sessionCookie(req) {
    const resolved = await sessions.resolve(req);
    if (resolved === null) return null;
    if (resolved === 'expired') {
      if (req.res) sessions.clear(req.res);
      throw apiError('auth.session_expired');
    }
    if (!isSafeMethod(req.method) && !sameOrigin.isSameOrigin(req)) {
      throw apiError('auth.bad_origin', {
        message: "A cookie-authenticated request that changes something must come from this server's own pages",
      });
    }
    const { session, idHash } = resolved;
    req.sessionIdHash = idHash;
    return { orgId: session.orgId, role: session.role, userId: session.userId, via: 'session' };
  };
}
