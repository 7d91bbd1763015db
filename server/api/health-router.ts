import { Router } from 'express';
import { apiError } from '../http/http-error.ts';
import type { StoreConnection } from '../store/types.ts';

/**
 * `/healthz`: the process is up and initialised (store open, migrations applied).
 * `/readyz`: it should get traffic: not draining, and the store answers.
 */
export function healthRouter(deps: { store: Pick<StoreConnection, 'ping'>; isDraining: () => boolean }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (deps.isDraining())
      return void res.status(503).json(apiError('server.draining', { message: 'Shutting down' }).toBody());
    try {
      await deps.store.ping();
      res.json({ status: 'ready' });
    } catch (err) {
      req.log.warn({ err }, 'store ping failed');
      res.status(503).json(apiError('store.unavailable').toBody());
    }
  });
  return router;
}
