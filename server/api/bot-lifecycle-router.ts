import { Router } from 'express';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import { apiError } from '../http/http-error.ts';
import { pathParam } from '../http/params.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import type { PublicUrls } from '../public-urls.ts';
import { BotView } from './response-schemas.ts';
import { ScenarioDocument } from './schemas.ts';
import { botView } from './views.ts';

const EDITORS = ['owner', 'editor'] as const;
const canEdit = requireRole(...EDITORS);

describeRoute({
  method: 'post',
  path: '/bots/:id/unpublish',
  summary: "Stop serving the bot's scripts",
  roles: [...EDITORS],
  description: 'Both script URLs answer the "not published" script again. Versions are kept; publish to serve again.',
  responses: { 200: { description: 'The bot, with `published: null`', schema: BotView } },
});
describeRoute({
  method: 'delete',
  path: '/bots/:id',
  summary: 'Delete a bot with its versions',
  roles: [...EDITORS],
  responses: { 204: 'Deleted; its scripts answer "not published"' },
});
describeRoute({
  method: 'post',
  path: '/bots/:id/preview',
  summary: 'Compile a bundle to try out, without publishing',
  roles: [...EDITORS],
  description:
    'The body is a scenario document (or `{"scenario": …}`); without a body, the draft. The bundle runs as the bot ' +
    '`preview-<id>` and is stored nowhere. It never calls the server: its long timers stay in the page and a handoff ' +
    'goes on as if nobody answered (the server takes those only from published bots).',
  body: { schema: ScenarioDocument, required: false },
  example: { format: 'chatlet.scenario/1', name: 'Hi', start: 'a', nodes: [{ id: 'a', type: 'end' }] },
  responses: {
    200: { description: 'The bundle', contentType: 'text/javascript' },
    422: 'The scenario has errors (`compile.failed`, with `diagnostics`)',
  },
});

/** `/api/v1/bots/:id`: unpublish, delete, and preview bundles. */
export function botLifecycleRouter(bots: BotService, urls: PublicUrls): Router {
  const router = Router();

  router.post('/:id/unpublish', canEdit, async (req, res) => {
    res.json(botView(await bots.unpublish(actorOf(req), pathParam(req, 'id')), urls.forRequest(req)));
  });

  router.delete('/:id', canEdit, async (req, res) => {
    await bots.remove(actorOf(req), pathParam(req, 'id'));
    res.status(204).end();
  });

  router.post('/:id/preview', canEdit, async (req, res) => {
    const bundle = await bots.preview(actorOf(req), pathParam(req, 'id'), previewScenario(req.body));
    res.type('text/javascript; charset=utf-8').send(bundle);
  });

  return router;
}

/** The scenario a preview request carries: none (use the draft), the document itself, or `{scenario}`. */
function previewScenario(body: unknown): unknown {
  if (body === undefined) return undefined;
  if (!ScenarioDocument.safeParse(body).success) {
    throw apiError('request.invalid', {
      message: 'The body must be a scenario document (a JSON object), or empty for the draft',
    });
  }
  const doc = body as Record<string, unknown>;
  const wrapped = 'scenario' in doc && !('format' in doc) && !('nodes' in doc);
  return wrapped ? doc.scenario : doc;
}
