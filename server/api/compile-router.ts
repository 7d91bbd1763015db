import { Router } from 'express';
import type { CompileService } from '../compile/compile-service.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import { CompileResult } from './response-schemas.ts';
import { CompileBody } from './schemas.ts';

describeRoute({
  method: 'post',
  path: '/compile',
  summary: 'Check a scenario without saving it',
  body: CompileBody,
  example: { scenario: { format: 'chatlet.scenario/1', name: 'Hi', start: 'a', nodes: [{ id: 'a', type: 'end' }] } },
  responses: { 200: { description: 'Whether it compiles, and its diagnostics', schema: CompileResult } },
});

/** `/api/v1/compile`: diagnostics for a scenario without saving anything. */
export function compileRouter(compiler: CompileService): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { scenario } = parseBody(req, CompileBody);
    res.json(await compiler.preview(scenario));
  });
  return router;
}
