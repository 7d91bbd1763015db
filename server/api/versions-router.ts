import { Router } from 'express';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import { apiError } from '../http/http-error.ts';
import { pathParam } from '../http/params.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import type { PublicUrls } from '../public-urls.ts';
import { BotView, Published201, VersionList, VersionView } from './response-schemas.ts';
import { VersionParam } from './schemas.ts';
import { botView, versionSummaryView, versionView } from './views.ts';

const EDITORS = ['owner', 'editor'] as const;
const canEdit = requireRole(...EDITORS);

describeRoute({
  method: 'post',
  path: '/bots/:id/publish',
  summary: 'Publish the draft as the next version',
  roles: [...EDITORS],
  responses: {
    200: {
      description:
        'Nothing changed: the draft compiles to the bundle already live, so no version was added; the live version with `unchanged: true`',
      schema: Published201,
    },
    201: { description: 'The new version and its script URLs, with `unchanged: false`', schema: Published201 },
    422: 'The draft has errors (`compile.failed`, with `diagnostics`); nothing was published',
  },
});
describeRoute({
  method: 'get',
  path: '/bots/:id/versions',
  summary: 'Version history, newest first',
  responses: { 200: { description: 'Versions without scenarios', schema: VersionList } },
});
describeRoute({
  method: 'get',
  path: '/bots/:id/versions/:version',
  summary: 'One version with its scenario',
  responses: { 200: { description: 'The version', schema: VersionView } },
});
describeRoute({
  method: 'post',
  path: '/bots/:id/versions/:version/restore',
  summary: "Make a version's scenario the draft again",
  roles: [...EDITORS],
  responses: { 200: { description: 'The bot with the restored draft', schema: BotView } },
});

/** `/api/v1/bots/:id/publish` and `/versions`: immutable numbered versions, their history, and restoring one as the draft. */
export function versionsRouter(bots: BotService, urls: PublicUrls): Router {
  const router = Router();

  router.post('/:id/publish', canEdit, async (req, res) => {
    const botId = pathParam(req, 'id');
    const version = await bots.publish(actorOf(req), botId);
    const shown = urls.forRequest(req);
    res.status(version.unchanged ? 200 : 201).json({
      version: version.version,
      hash: version.hash,
      unchanged: version.unchanged,
      bundleUrl: shown.versionScript(botId, version.hash),
      scriptUrl: shown.latestScript(botId),
      testPageUrl: shown.testPage(botId),
      createdAt: version.createdAt.toISOString(),
    });
  });

  router.get('/:id/versions', async (req, res) => {
    const versions = await bots.versions(actorOf(req), pathParam(req, 'id'));
    res.json({ versions: versions.map((v) => versionSummaryView(v, urls.forRequest(req))) });
  });

  router.get('/:id/versions/:version', async (req, res) => {
    const version = await bots.version(actorOf(req), pathParam(req, 'id'), versionNumber(pathParam(req, 'version')));
    res.json(versionView(version, urls.forRequest(req)));
  });

  router.post('/:id/versions/:version/restore', canEdit, async (req, res) => {
    const bot = await bots.restore(actorOf(req), pathParam(req, 'id'), versionNumber(pathParam(req, 'version')));
    res.json(botView(bot, urls.forRequest(req)));
  });

  return router;
}

function versionNumber(param: string): number {
  const parsed = VersionParam.safeParse(param);
  if (!parsed.success || !/^\d+$/.test(param)) {
    throw apiError('request.invalid', { message: `Version must be a positive integer, not ${JSON.stringify(param)}` });
  }
  return parsed.data;
}
