import { Router } from 'express';
import type { Store } from '../store/types.ts';

/**
 * `/healthz`: the process is up and initialised (store open, migrations applied).
 * `/readyz`: it should get traffic: not draining, and the store answers.
 */
export function healthRouter(deps: { store: Store; isDraining: () => boolean }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (deps.isDraining())
      return void res.status(503).json({ error: { code: 'server.draining', message: 'Shutting down' } });
    try {
      await deps.store.ping();
      res.json({ status: 'ready' });
    } catch (err) {
      req.log.warn({ err }, 'store ping failed');
      res.status(503).json({ error: { code: 'store.unavailable', message: 'The store does not answer' } });
    }
  });
  return router;
}
