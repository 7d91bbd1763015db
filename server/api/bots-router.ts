import { Router } from 'express';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import { draftEtag } from '../bots/draft-etag.ts';
import { apiError } from '../http/http-error.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import type { PublicUrls } from '../public-urls.ts';
import { BotList, BotView, DraftSaved } from './response-schemas.ts';
import { CreateBotBody, ScenarioDocument, UpdateBotBody } from './schemas.ts';
import { botSummaryView, botView } from './views.ts';

const EDITORS = ['owner', 'editor'] as const;
const canEdit = requireRole(...EDITORS);
const SAMPLE_SCENARIO = {
  format: 'chatlet.scenario/1',
  name: 'Hi',
  start: 'a',
  nodes: [
    { id: 'a', type: 'message', text: 'Hello', next: 'b' },
    { id: 'b', type: 'end' },
  ],
};

describeRoute({
  method: 'post',
  path: '/bots',
  summary: 'Create a bot',
  roles: [...EDITORS],
  body: CreateBotBody,
  example: { name: 'Lead capture', scenario: SAMPLE_SCENARIO },
  responses: { 201: { description: 'The bot, with its draft and diagnostics', schema: BotView } },
});
describeRoute({
  method: 'get',
  path: '/bots',
  summary: "List the organisation's bots",
  responses: { 200: { description: 'Bots without their scenarios', schema: BotList } },
});
describeRoute({
  method: 'get',
  path: '/bots/:id',
  summary: 'Read a bot with its draft',
  description:
    'The `ETag` header (also `draftEtag` in the body) identifies the draft; send it as `If-Match` when saving.',
  responses: { 200: { description: 'The bot', schema: BotView } },
});
describeRoute({
  method: 'patch',
  path: '/bots/:id',
  summary: 'Rename a bot',
  roles: [...EDITORS],
  body: UpdateBotBody,
  example: { name: 'Support (EU)' },
  responses: { 200: { description: 'The bot', schema: BotView } },
});
describeRoute({
  method: 'put',
  path: '/bots/:id/scenario',
  summary: 'Save the draft scenario',
  roles: [...EDITORS],
  description:
    'The body is the scenario document itself. With `If-Match: <draftEtag>`, a save over a newer one is a 409.',
  body: { schema: ScenarioDocument, description: 'A scenario document (chatlet.scenario/1)' },
  example: SAMPLE_SCENARIO,
  responses: {
    200: { description: 'Saved, with what the compiler thinks of it', schema: DraftSaved },
    409: 'Someone else saved since the draft named by If-Match (`bot.conflict`)',
  },
});

/** `/api/v1/bots`: create, list, read, rename a bot, and save its draft scenario. */
export function botsRouter(bots: BotService, urls: PublicUrls): Router {
  const router = Router();

  router.post('/', canEdit, async (req, res) => {
    const body = parseBody(req, CreateBotBody);
    const bot = await bots.create(actorOf(req), body);
    res
      .status(201)
      .location(`${req.baseUrl}/${bot.id}`)
      .setHeader('ETag', draftEtag(bot.draft.revision))
      .json(botView(bot, urls.forRequest(req)));
  });

  router.get('/', async (req, res) => {
    const list = await bots.list(actorOf(req));
    res.json({ bots: list.map((bot) => botSummaryView(bot, urls.forRequest(req))) });
  });

  router.get('/:id', async (req, res) => {
    const bot = await bots.get(actorOf(req), pathParam(req, 'id'));
    res.setHeader('ETag', draftEtag(bot.draft.revision)).json(botView(bot, urls.forRequest(req)));
  });

  router.patch('/:id', canEdit, async (req, res) => {
    const { name } = parseBody(req, UpdateBotBody);
    res.json(botView(await bots.rename(actorOf(req), pathParam(req, 'id'), name), urls.forRequest(req)));
  });

  // The body is the scenario document itself, so the builder can PUT what it edits.
  router.put('/:id/scenario', canEdit, async (req, res) => {
    if (req.body === undefined || !ScenarioDocument.safeParse(req.body).success) {
      throw apiError('request.invalid', {
        message: 'The body must be a scenario document: a JSON object sent as application/json',
      });
    }
    const bot = await bots.saveDraft(actorOf(req), pathParam(req, 'id'), req.body, req.get('if-match'));
    const { diagnostics } = bot.draft;
    const etag = draftEtag(bot.draft.revision);
    res.setHeader('ETag', etag).json({
      ok: !diagnostics.some((d) => d.severity === 'error'),
      diagnostics,
      updatedAt: bot.draft.updatedAt.toISOString(),
      draftEtag: etag,
    });
  });

  return router;
}
