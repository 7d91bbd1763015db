import { Router } from 'express';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import { BotSettingsView } from './response-schemas.ts';
import { BotSettingsBody } from './schemas.ts';
import { settingsView } from './views.ts';

describeRoute({
  method: 'get',
  path: '/bots/:id/settings',
  summary: "A bot's settings",
  roles: ['owner', 'editor'],
  responses: {
    200: { description: 'The settings; the webhook secret only as `webhookSecretSet`', schema: BotSettingsView },
  },
});
describeRoute({
  method: 'patch',
  path: '/bots/:id/settings',
  summary: "Change a bot's settings",
  roles: ['owner'],
  description:
    "Absent fields stay as they are; `null` clears one. `allowedOrigins` adds to the published scenario's own list; " +
    "`longTimerThreshold` overrides the scenario's from the next save or publish on.",
  body: BotSettingsBody,
  example: {
    allowedOrigins: ['https://www.example.com'],
    webhookUrl: 'https://hooks.example.com/chatlet',
    webhookSecret: 'a-long-random-secret',
    longTimerThreshold: 'PT5M',
  },
  responses: { 200: { description: 'The settings', schema: BotSettingsView } },
});

/** `/api/v1/bots/:id/settings`: allowed origins, webhook and long-timer threshold. Changing them is the owner's call. */
export function botSettingsRouter(bots: BotService): Router {
  const router = Router();

  router.get('/:id/settings', requireRole('owner', 'editor'), async (req, res) => {
    res.json(settingsView((await bots.get(actorOf(req), pathParam(req, 'id'))).settings));
  });

  router.patch('/:id/settings', requireRole('owner'), async (req, res) => {
    const patch = parseBody(req, BotSettingsBody);
    res.json(settingsView((await bots.updateSettings(actorOf(req), pathParam(req, 'id'), patch)).settings));
  });

  return router;
}
