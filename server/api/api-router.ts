import express, { Router } from 'express';
import { authenticate, type ActorResolver } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import type { CompileService } from '../compile/compile-service.ts';
import { noStore } from '../http/security-headers.ts';
import type { PublicUrls } from '../public-urls.ts';
import { botsRouter } from './bots-router.ts';
import { compileRouter } from './compile-router.ts';
import { importRouter } from './import-router.ts';
import { versionsRouter } from './versions-router.ts';

export interface ApiDeps {
  bots: BotService;
  compiler: CompileService;
  urls: PublicUrls;
  resolvers: ActorResolver[];
  bodyLimitBytes: number;
  /** The managers' handoff routes (issue 5), mounted after authentication. */
  handoffs?: Router;
}

/** `/api/v1`: authenticated JSON. The caller is known before a byte of the body is parsed. */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(noStore());
  router.use(authenticate(deps.resolvers));
  // Not strict: any JSON value parses, and a valid-but-wrong one (`"text"`) is a request.invalid, not malformed JSON.
  router.use(express.json({ limit: deps.bodyLimitBytes, strict: false, type: ['application/json', 'application/*+json'] }));
  router.use('/bots', botsRouter(deps.bots, deps.urls));
  router.use('/bots', versionsRouter(deps.bots, deps.urls));
  router.use('/compile', compileRouter(deps.compiler));
  router.use('/import', importRouter({ bodyLimitBytes: deps.bodyLimitBytes }));
  if (deps.handoffs) router.use(deps.handoffs);
  return router;
}
