import express, { Router, type Request, type RequestHandler } from 'express';
import type { AuthService } from '../accounts/auth-service.ts';
import type { OrgService } from '../accounts/org-service.ts';
import type { SessionService } from '../accounts/session-service.ts';
import { sessionSecretOf } from '../auth/session-cookie.ts';
import { apiError, type HttpError } from '../http/http-error.ts';
import type { SameOrigin } from '../http/same-origin.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import { SessionView } from './response-schemas.ts';
import { LoginBody, SetupBody, SwitchOrgBody } from './schemas.ts';

describeRoute({
  method: 'post',
  path: '/setup',
  summary: 'Create the first owner of an empty install',
  auth: 'public',
  tags: ['session'],
  description:
    'Only while no user exists. The user owns the default organisation (renamed to `orgName`) and is logged in.',
  body: SetupBody,
  example: { email: 'owner@example.com', password: 'correct horse battery', name: 'Olga', orgName: 'Acme' },
  responses: {
    201: { description: 'Logged in: `Set-Cookie: chatlet_session=…`', schema: SessionView },
    409: 'A user exists already (`setup.done`)',
    429: 'Too many attempts (`rate.limited`)',
  },
});
describeRoute({
  method: 'post',
  path: '/session',
  summary: 'Log in with email and password',
  auth: 'public',
  body: LoginBody,
  example: { email: 'owner@example.com', password: 'correct horse battery' },
  responses: {
    200: { description: 'Logged in: `Set-Cookie: chatlet_session=…; HttpOnly; SameSite=Strict`', schema: SessionView },
    401: 'Wrong email or password (`auth.bad_credentials`), the same answer for both',
    429: 'Too many attempts (`rate.limited`)',
  },
});
describeRoute({
  method: 'get',
  path: '/session',
  summary: 'Who the session cookie belongs to',
  auth: 'public',
  responses: { 200: { description: 'The session', schema: SessionView }, 401: 'No session, or it expired' },
});
describeRoute({
  method: 'delete',
  path: '/session',
  summary: 'Log out',
  auth: 'public',
  responses: {
    204: 'Logged out; the cookie is cleared',
    403: 'A cookie request from another origin (`auth.bad_origin`)',
  },
});
describeRoute({
  method: 'post',
  path: '/session/org',
  summary: 'Switch the session to another of your organisations',
  auth: 'public',
  body: SwitchOrgBody,
  example: { orgId: 'o_default' },
  responses: {
    200: { description: 'The session, now in that organisation', schema: SessionView },
    401: 'No session',
    403: 'A cookie request from another origin (`auth.bad_origin`)',
    404: 'Not one of your organisations (`org.not_found`)',
  },
});

export interface SessionRouterDeps {
  auth: AuthService;
  sessions: SessionService;
  orgs: OrgService;
  sameOrigin: SameOrigin;
  limits: { setup: RequestHandler; login: RequestHandler };
}

/**
 * `/api/v1/setup` and `/api/v1/session`: public, so mounted before authentication. They parse their own small
 * bodies. Login and set-up refuse a browser `Origin` other than ours (login CSRF); curl sends none and passes.
 */
export function sessionRouter(deps: SessionRouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: '16kb', strict: false, type: ['application/json', 'application/*+json'] });

  router.post('/setup', deps.limits.setup, noForeignOrigin(deps.sameOrigin), json, async (req, res) => {
    const body = parseBody(req, SetupBody);
    res.status(201).json(await deps.auth.setup(res, body));
  });

  router.post('/session', deps.limits.login, noForeignOrigin(deps.sameOrigin), json, async (req, res) => {
    const body = parseBody(req, LoginBody);
    res.json(await deps.auth.login(res, body, req.ip ?? 'unknown'));
  });

  router.get('/session', async (req, res) => {
    const { session } = await current(req, deps.sessions);
    res.json(await deps.sessions.view(session));
  });

  router.delete('/session', async (req, res) => {
    if (sessionSecretOf(req) && !deps.sameOrigin.isSameOrigin(req)) throw badOrigin();
    await deps.sessions.end(req, res);
    res.status(204).end();
  });

  router.post('/session/org', json, async (req, res) => {
    const { idHash, session } = await current(req, deps.sessions);
    if (!deps.sameOrigin.isSameOrigin(req)) throw badOrigin();
    const { orgId } = parseBody(req, SwitchOrgBody);
    const role = await deps.orgs.roleIn(orgId, session.userId);
    if (!role)
      throw apiError('org.not_found', {
        message: `You are not a member of an organisation with id ${JSON.stringify(orgId)}`,
      });
    await deps.sessions.switchOrg(idHash, orgId);
    res.json(await deps.sessions.view({ ...session, orgId, role }));
  });

  return router;
}

async function current(req: Request, sessions: SessionService) {
  const resolved = await sessions.resolve(req);
  if (resolved === 'expired') {
    if (req.res) sessions.clear(req.res);
    throw apiError('auth.session_expired');
  }
  if (!resolved) throw apiError('auth.required', { message: 'Not logged in' });
  return resolved;
}

/** Refuses a request whose browser says it comes from another site; requests without `Origin`/`Referer` pass. */
export function noForeignOrigin(sameOrigin: SameOrigin): RequestHandler {
  return function noForeignOrigin(req, _res, next) {
    const origin = sameOrigin.requestOrigin(req);
    if (origin !== null && !sameOrigin.matches(origin, req)) throw badOrigin();
    next();
  };
}

function badOrigin(): HttpError {
  return apiError('auth.bad_origin');
}
