import { Router } from 'express';
import { sameSecret } from '../auth/token-hash.ts';
import { apiError } from '../http/http-error.ts';
import { registry } from './registry.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * `/metrics` in Prometheus text format. Open to loopback clients (`req.ip`, which honours TRUST_PROXY), and to
 * anyone with `Authorization: Bearer <CHATLET_ADMIN_TOKEN>`; everyone else gets 404, as if it were not there.
 */
export function metricsRouter(options: { adminToken?: string }): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const bearer = /^Bearer +(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const byToken = Boolean(options.adminToken && bearer && sameSecret(bearer, options.adminToken));
    if (!byToken && !LOOPBACK.test(req.ip ?? ''))
      throw apiError('route.not_found', { message: 'No route for GET /metrics' });
    res.setHeader('Cache-Control', 'no-store');
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
