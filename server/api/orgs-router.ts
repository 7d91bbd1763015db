import { Router } from 'express';
import type { OrgService } from '../accounts/org-service.ts';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import { OrgList, OrgView } from './response-schemas.ts';
import { OrgBody } from './schemas.ts';
import { orgView } from './views.ts';

describeRoute({
  method: 'get',
  path: '/orgs',
  summary: 'The organisations you belong to',
  description: "A session sees all of its user's organisations (`current` marks the one it acts in); a token, its own.",
  responses: { 200: { description: 'Organisations with your role in each', schema: OrgList } },
});
describeRoute({
  method: 'post',
  path: '/orgs',
  summary: 'Create an organisation, with you as its owner',
  body: OrgBody,
  description: 'Needs a user (a session, or a token made by a user). Switch to it with `POST /session/org`.',
  example: { name: 'Acme Agency' },
  responses: { 201: { description: 'The organisation', schema: OrgView } },
});
describeRoute({
  method: 'patch',
  path: '/orgs/:id',
  summary: 'Rename the current organisation',
  roles: ['owner'],
  body: OrgBody,
  example: { name: 'Acme Agency (EU)' },
  responses: { 200: { description: 'The organisation', schema: OrgView } },
});

/** `/api/v1/orgs`: organisations a user belongs to; creating one makes you its owner. */
export function orgsRouter(orgs: OrgService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ orgs: (await orgs.listOrgs(actorOf(req))).map(orgView) });
  });

  router.post('/', async (req, res) => {
    const { name } = parseBody(req, OrgBody);
    const org = await orgs.createOrg(actorOf(req), name);
    res.status(201).location(`${req.baseUrl}/${org.id}`).json(orgView(org));
  });

  router.patch('/:id', requireRole('owner'), async (req, res) => {
    const { name } = parseBody(req, OrgBody);
    res.json(orgView(await orgs.renameOrg(actorOf(req), pathParam(req, 'id'), name)));
  });

  return router;
}
