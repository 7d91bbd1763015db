import { Router } from 'express';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import { HttpError } from '../http/http-error.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import type { PublicUrls } from '../public-urls.ts';
import { CreateBotBody, ScenarioDocument, UpdateBotBody } from './schemas.ts';
import { botSummaryView, botView } from './views.ts';

const canEdit = requireRole('owner', 'editor');

/** `/api/v1/bots`: create, list, read, rename a bot, and save its draft scenario. */
export function botsRouter(bots: BotService, urls: PublicUrls): Router {
  const router = Router();

  router.post('/', canEdit, async (req, res) => {
    const body = parseBody(req, CreateBotBody);
    const bot = await bots.create(actorOf(req), body);
    res.status(201).location(`${req.baseUrl}/${bot.id}`).json(botView(bot, urls));
  });

  router.get('/', async (req, res) => {
    const list = await bots.list(actorOf(req));
    res.json({ bots: list.map((bot) => botSummaryView(bot, urls)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(botView(await bots.get(actorOf(req), pathParam(req, 'id')), urls));
  });

  router.patch('/:id', canEdit, async (req, res) => {
    const { name } = parseBody(req, UpdateBotBody);
    res.json(botView(await bots.rename(actorOf(req), pathParam(req, 'id'), name), urls));
  });

  // The body is the scenario document itself, so the builder can PUT what it edits.
  router.put('/:id/scenario', canEdit, async (req, res) => {
    if (req.body === undefined || !ScenarioDocument.safeParse(req.body).success) {
      throw new HttpError(400, 'request.invalid', 'The body must be a scenario document: a JSON object sent as application/json');
    }
    const bot = await bots.saveDraft(actorOf(req), pathParam(req, 'id'), req.body);
    const { diagnostics } = bot.draft;
    res.json({ ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics, updatedAt: bot.draft.updatedAt.toISOString() });
  });

  return router;
}
