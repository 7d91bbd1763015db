import { Router } from 'express';
import type { OrgService } from '../accounts/org-service.ts';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import { MemberList, MemberView } from './response-schemas.ts';
import { AddUserBody, ChangeRoleBody } from './schemas.ts';
import { memberView } from './views.ts';

const OWNERS = ['owner'] as const;

describeRoute({
  method: 'get',
  path: '/users',
  summary: 'Members of the current organisation',
  roles: [...OWNERS],
  responses: { 200: { description: 'Users with their role here', schema: MemberList } },
});
describeRoute({
  method: 'post',
  path: '/users',
  summary: 'Add a user to the current organisation',
  roles: [...OWNERS],
  description: 'A new account (password required), or an existing account by its email (its password is left alone).',
  body: AddUserBody,
  example: { email: 'ann@example.com', password: 'correct horse battery', name: 'Ann', role: 'editor' },
  responses: {
    201: { description: 'The member', schema: MemberView },
    409: 'Already a member (`user.exists`)',
  },
});
describeRoute({
  method: 'patch',
  path: '/users/:id',
  summary: "Change a member's role",
  roles: [...OWNERS],
  body: ChangeRoleBody,
  example: { role: 'manager' },
  responses: {
    200: { description: 'The member', schema: MemberView },
    409: 'That would leave the organisation without an owner (`org.last_owner`)',
  },
});
describeRoute({
  method: 'delete',
  path: '/users/:id',
  summary: 'Remove a member from the current organisation',
  roles: [...OWNERS],
  description: 'The account stays, in its other organisations; its sessions and tokens here stop working.',
  responses: { 204: 'Removed', 409: 'They are the last owner (`org.last_owner`)' },
});

/** `/api/v1/users`: who belongs to the current organisation, with which role. Owners only. */
export function usersRouter(orgs: OrgService): Router {
  const router = Router();
  router.use(requireRole(...OWNERS));

  router.get('/', async (req, res) => {
    res.json({ users: (await orgs.listMembers(actorOf(req))).map(memberView) });
  });

  router.post('/', async (req, res) => {
    const member = await orgs.addMember(actorOf(req), parseBody(req, AddUserBody));
    res.status(201).location(`${req.baseUrl}/${member.userId}`).json(memberView(member));
  });

  router.patch('/:id', async (req, res) => {
    const { role } = parseBody(req, ChangeRoleBody);
    res.json(memberView(await orgs.changeRole(actorOf(req), pathParam(req, 'id'), role)));
  });

  router.delete('/:id', async (req, res) => {
    await orgs.removeMember(actorOf(req), pathParam(req, 'id'));
    res.status(204).end();
  });

  return router;
}
