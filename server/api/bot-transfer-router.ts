import express, { Router } from 'express';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import { draftEtag } from '../bots/draft-etag.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import type { PublicUrls } from '../public-urls.ts';
import { BotView } from './response-schemas.ts';
import { BotExport } from './schemas.ts';
import { botView } from './views.ts';

const EDITORS = ['owner', 'editor'] as const;
const canEdit = requireRole(...EDITORS);

/** An export holds every version's scenario, so an import may be larger than other bodies. */
export const IMPORT_LIMIT_FACTOR = 8;

describeRoute({
  method: 'get',
  path: '/bots/:id/export',
  summary: 'Export a bot as JSON',
  roles: [...EDITORS],
  description: "Name, settings (without the webhook secret), draft, and every version's scenario.",
  responses: { 200: { description: 'A `chatlet.bot/1` document, as an attachment', schema: BotExport } },
});
describeRoute({
  method: 'post',
  path: '/bots/import',
  summary: 'Create a bot from an export',
  roles: [...EDITORS],
  description: "A new bot (new id) with the export's name, settings and draft. Versions are not republished.",
  body: BotExport,
  example: {
    format: 'chatlet.bot/1',
    name: 'Imported',
    settings: { allowedOrigins: ['https://www.example.com'] },
    draft: { format: 'chatlet.scenario/1', name: 'Hi', start: 'a', nodes: [{ id: 'a', type: 'end' }] },
  },
  responses: { 201: { description: 'The new bot', schema: BotView } },
});

/** `/api/v1/bots/:id/export` and `/api/v1/bots/import`: a bot as one JSON file, to copy it between servers. */
export function botTransferRouter(bots: BotService, urls: PublicUrls, options: { bodyLimitBytes: number }): Router {
  const router = Router();

  router.post(
    '/import',
    canEdit,
    express.json({
      limit: options.bodyLimitBytes * IMPORT_LIMIT_FACTOR,
      strict: false,
      type: ['application/json', 'application/*+json'],
    }),
    async (req, res) => {
      const doc = parseBody(req, BotExport);
      const bot = await bots.create(actorOf(req), { name: doc.name, scenario: doc.draft, settings: doc.settings });
      res
        .status(201)
        .location(`${req.baseUrl}/${bot.id}`)
        .setHeader('ETag', draftEtag(bot.draft.revision))
        .json(botView(bot, urls.forRequest(req)));
    },
  );

  router.get('/:id/export', canEdit, async (req, res) => {
    const actor = actorOf(req);
    const bot = await bots.get(actor, pathParam(req, 'id'));
    const versions = await bots.versionsWithScenarios(actor, bot.id);
    const { webhookSecretSet: _secret, ...settings } = bot.settings;
    res.attachment(`chatlet-bot-${bot.id}.json`).json({
      format: 'chatlet.bot/1',
      name: bot.name,
      exportedAt: new Date().toISOString(),
      settings,
      draft: bot.draft.scenario,
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt.toISOString(),
        hash: v.hash,
        scenario: v.scenario,
      })),
    });
  });

  return router;
}
