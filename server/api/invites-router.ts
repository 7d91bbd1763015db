import express, { Router, type RequestHandler } from 'express';
import type { InviteService } from '../accounts/invite-service.ts';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import { pathParam } from '../http/params.ts';
import type { SameOrigin } from '../http/same-origin.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import type { PublicUrls } from '../public-urls.ts';
import type { Invite } from '../store/invite-types.ts';
import { AcceptInviteBody, CreateInviteBody, InviteCreated, InviteList } from './invite-schemas.ts';
import { SessionView } from './response-schemas.ts';
import { noForeignOrigin } from './session-router.ts';

const OWNERS = ['owner'] as const;

describeRoute({
  method: 'post',
  path: '/invites',
  summary: 'Invite someone to the current organisation',
  roles: [...OWNERS],
  description:
    'A single-use link, `PUBLIC_URL/invite/<token>`, valid for 7 days unless `expiresInDays` says otherwise. ' +
    'Only the answer carries it; the server keeps a hash.',
  body: CreateInviteBody,
  example: { email: 'kim@example.com', role: 'manager' },
  responses: { 201: { description: 'The invite, with its link', schema: InviteCreated } },
});
describeRoute({
  method: 'get',
  path: '/invites',
  summary: 'Pending invites of the current organisation',
  roles: [...OWNERS],
  description: 'Those not used, revoked or expired, newest first; without their links.',
  responses: { 200: { description: 'The invites', schema: InviteList } },
});
describeRoute({
  method: 'delete',
  path: '/invites/:id',
  summary: 'Revoke a pending invite',
  roles: [...OWNERS],
  responses: {
    204: 'Revoked: its link shows that it was withdrawn',
    404: 'No pending invite with that id (`invite.not_found`)',
  },
});
describeRoute({
  method: 'post',
  path: '/invites/accept',
  summary: 'Accept an invite: create an account or log in, and join',
  auth: 'public',
  tags: ['invites'],
  description:
    'What the invite page sends. `account: "new"` creates an account (the email is the invite\'s when it names one); ' +
    '`account: "existing"` checks the password of an account, like logging in. Either way the caller joins with the invite\'s role and is logged in there.',
  body: AcceptInviteBody,
  example: {
    token: 'the-token-from-the-link',
    account: 'new',
    email: 'kim@example.com',
    name: 'Kim',
    password: 'correct horse battery',
  },
  responses: {
    201: { description: 'Joined and logged in: `Set-Cookie: chatlet_session=…`', schema: SessionView },
    401: 'Wrong email or password for an existing account (`auth.bad_credentials`)',
    403: 'The invite is for another email (`invite.email_mismatch`), or a foreign `Origin` (`auth.bad_origin`)',
    404: 'No such invite (`invite.not_found`)',
    409: 'Already a member (`invite.already_member`), or an account with that email exists (`invite.account_exists`)',
    410: 'The link expired (`invite.expired`), was used (`invite.used`) or revoked (`invite.revoked`)',
    429: 'Too many attempts (`rate.limited`)',
  },
});

/** An invite as the API shows it: never its token, which only the answer to its creation carries (in `url`). */
export function inviteView(invite: Invite) {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    createdBy: invite.createdBy,
  };
}

/** `/api/v1/invites`: owners make, list and revoke invite links. Mounted after authentication. */
export function invitesRouter(invites: InviteService, urls: PublicUrls): Router {
  const router = Router();
  router.use(requireRole(...OWNERS));

  router.post('/', async (req, res) => {
    const { invite, token } = await invites.create(actorOf(req), parseBody(req, CreateInviteBody));
    res
      .status(201)
      .location(`${req.baseUrl}/${invite.id}`)
      .json({ ...inviteView(invite), url: invites.urlOf(token, urls.forRequest(req).base) });
  });

  router.get('/', async (req, res) => {
    res.json({ invites: (await invites.list(actorOf(req))).map(inviteView) });
  });

  router.delete('/:id', async (req, res) => {
    await invites.revoke(actorOf(req), pathParam(req, 'id'));
    res.status(204).end();
  });

  return router;
}

/**
 * `POST /api/v1/invites/accept`: public (the invitee has no session yet), so mounted before authentication, rate-limited
 * like logging in, and refused from another site's pages (it sets the session cookie).
 */
export function inviteAcceptRouter(deps: {
  invites: InviteService;
  sameOrigin: SameOrigin;
  limit: RequestHandler;
}): Router {
  const router = Router();
  const json = express.json({ limit: '16kb', strict: false, type: ['application/json', 'application/*+json'] });
  router.post('/invites/accept', deps.limit, noForeignOrigin(deps.sameOrigin), json, async (req, res) => {
    const body = parseBody(req, AcceptInviteBody);
    res.status(201).json(await deps.invites.accept(res, body, req.ip ?? 'unknown'));
  });
  return router;
}
