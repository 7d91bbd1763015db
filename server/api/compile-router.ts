import { Router } from 'express';
import type { CompileService } from '../compile/compile-service.ts';
import { parseBody } from '../http/validate.ts';
import { CompileBody } from './schemas.ts';

/** `/api/v1/compile`: diagnostics for a scenario without saving anything. */
export function compileRouter(compiler: CompileService): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { scenario } = parseBody(req, CompileBody);
    res.json(await compiler.preview(scenario));
  });
  return router;
}
