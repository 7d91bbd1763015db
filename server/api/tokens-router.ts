import { Router } from 'express';
import type { TokenService } from '../accounts/token-service.ts';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import { TokenCreated, TokenList } from './response-schemas.ts';
import { CreateTokenBody } from './schemas.ts';
import { tokenView } from './views.ts';

const OWNERS = ['owner'] as const;

describeRoute({
  method: 'get',
  path: '/tokens',
  summary: 'API tokens of the current organisation',
  roles: [...OWNERS],
  responses: { 200: { description: 'Tokens that are not revoked, without their secrets', schema: TokenList } },
});
describeRoute({
  method: 'post',
  path: '/tokens',
  summary: 'Create an API token',
  roles: [...OWNERS],
  body: CreateTokenBody,
  description:
    'The answer carries the secret (`token`) this once. A token made by a user stops working when the user leaves.',
  example: { name: 'CI deploys', role: 'editor', expiresInDays: 90 },
  responses: { 201: { description: 'The token, with its secret', schema: TokenCreated } },
});
describeRoute({
  method: 'delete',
  path: '/tokens/:id',
  summary: 'Revoke an API token',
  roles: [...OWNERS],
  responses: { 204: 'Revoked' },
});

/** `/api/v1/tokens`: bearer tokens for automation. Owners only. */
export function tokensRouter(tokens: TokenService): Router {
  const router = Router();
  router.use(requireRole(...OWNERS));

  router.get('/', async (req, res) => {
    res.json({ tokens: (await tokens.list(actorOf(req))).map(tokenView) });
  });

  router.post('/', async (req, res) => {
    const { token, secret } = await tokens.create(actorOf(req), parseBody(req, CreateTokenBody));
    res
      .status(201)
      .location(`${req.baseUrl}/${token.id}`)
      .json({ ...tokenView(token), token: secret });
  });

  router.delete('/:id', async (req, res) => {
    await tokens.revoke(actorOf(req), pathParam(req, 'id'));
    res.status(204).end();
  });

  return router;
}
