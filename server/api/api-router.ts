import express, { Router, type Request } from 'express';
import type { Accounts } from '../accounts/accounts.ts';
import { authenticate, type ActorResolver } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import type { CompileService } from '../compile/compile-service.ts';
import { noStore } from '../http/security-headers.ts';
import type { PublicUrls } from '../public-urls.ts';
import type { ResultsStore } from '../store/result-types.ts';
import { botLifecycleRouter } from './bot-lifecycle-router.ts';
import { botSettingsRouter } from './bot-settings-router.ts';
import { botTransferRouter } from './bot-transfer-router.ts';
import { botsRouter } from './bots-router.ts';
import { compileRouter } from './compile-router.ts';
import { importRouter } from './import-router.ts';
import { inviteAcceptRouter, invitesRouter } from './invites-router.ts';
import { openApiRouter } from './openapi-router.ts';
import { orgsRouter } from './orgs-router.ts';
import { resultsRouter } from './results-router.ts';
import { sessionRouter } from './session-router.ts';
import { tokensRouter } from './tokens-router.ts';
import { usersRouter } from './users-router.ts';
import { versionsRouter } from './versions-router.ts';

export interface ApiDeps {
  bots: BotService;
  compiler: CompileService;
  urls: PublicUrls;
  resolvers: ActorResolver[];
  bodyLimitBytes: number;
  /** Sessions, users, organisations and tokens: who may call the routes mounted after it. */
  accounts: Accounts;
  /** The managers' handoff routes, mounted after authentication because only a signed-in manager may answer. */
  handoffs?: Router;
  /** What opted-in bots collected: the owner's results table, CSV export and analytics. */
  results: ResultsStore;
}

/**
 * `/api/v1`: authenticated JSON. The caller is known before a byte of the body is parsed.
 * Only logging in, set-up and this API's OpenAPI document come before authentication.
 */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  const { accounts } = deps;
  router.use(noStore());
  router.use(openApiRouter({ serverUrl: deps.urls.base, version: '1.0.0' }));
  router.use(
    sessionRouter({ ...accounts, limits: { setup: accounts.limit('setup'), login: accounts.limit('login') } }),
  );
  router.use(
    inviteAcceptRouter({ invites: accounts.invites, sameOrigin: accounts.sameOrigin, limit: accounts.limit('login') }),
  );
  router.use(authenticate(deps.resolvers));
  // Not strict: any JSON value parses, and a valid-but-wrong one (`"text"`) is a request.invalid, not malformed JSON.
  // Imports parse their own bodies, after their role check.
  const ownBody = new Set(['/bots/import', '/import/bpmn']);
  router.use(
    express.json({
      limit: deps.bodyLimitBytes,
      strict: false,
      type: (req) => isJson(req as Request) && !ownBody.has(req.url?.split('?')[0] ?? ''),
    }),
  );
  router.use('/bots', botTransferRouter(deps.bots, deps.urls, { bodyLimitBytes: deps.bodyLimitBytes }));
  router.use('/bots', botsRouter(deps.bots, deps.urls));
  router.use('/bots', versionsRouter(deps.bots, deps.urls));
  router.use('/bots', botLifecycleRouter(deps.bots, deps.urls));
  router.use('/bots', botSettingsRouter(deps.bots));
  router.use('/bots', resultsRouter(deps.bots, deps.results));
  router.use('/users', usersRouter(accounts.orgs));
  router.use('/invites', invitesRouter(accounts.invites, deps.urls));
  router.use('/orgs', orgsRouter(accounts.orgs));
  router.use('/tokens', tokensRouter(accounts.tokens));
  router.use('/compile', compileRouter(deps.compiler));
  router.use('/import', importRouter({ bodyLimitBytes: deps.bodyLimitBytes }));
  if (deps.handoffs) router.use(deps.handoffs);
  return router;
}

function isJson(req: Request): boolean {
  return req.is(['application/json', 'application/*+json']) !== false;
}
