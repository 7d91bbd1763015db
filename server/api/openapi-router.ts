import { Router } from 'express';
import { describeRoute } from '../openapi/describe-route.ts';
import { openApiDocument } from '../openapi/openapi-document.ts';

describeRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document',
  auth: 'public',
  tags: ['meta'],
  responses: { 200: { description: 'OpenAPI 3.1' } },
});

/** `/api/v1/openapi.json`: public, like any API reference. Built on first request, when every router has described itself. */
export function openApiRouter(options: { serverUrl: string; version: string }): Router {
  const router = Router();
  let document: string | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= JSON.stringify(openApiDocument(options));
    res.type('application/json').send(document);
  });
  return router;
}
