import express, { Router, type Request } from 'express';
import { apiError } from '../http/http-error.ts';
import { pathParam } from '../http/params.ts';
import { noStore } from '../http/security-headers.ts';
import { parseBody } from '../http/validate.ts';
import type { HandoffService } from '../handoff/handoff-service.ts';
import type { TimerService } from '../timers/timer-service.ts';
import type { BotSettingsSource } from './bot-settings.ts';
import type { EventHub } from './event-hub.ts';
import { noLimit, rateLimit } from '../http/rate-limit.ts';
import { visitorCors } from '../http/visitor-cors.ts';
import { visitorAuth, visitorOf } from './visitor-auth.ts';
import { AckBody, HandoffBody, MessageBody, RatingBody, SessionBody, TIMER_ID, TimerBody } from './visitor-schemas.ts';
import type { VisitorTokens } from './visitor-token.ts';
import { describeRoute } from '../openapi/describe-route.ts';

// In the OpenAPI document (`/api/v1/openapi.json`); see docs/visitor-protocol.md for the whole protocol.
const visitor = { auth: 'visitor' as const, tags: ['visitor'] };
describeRoute({
  method: 'post',
  path: '/visitor/session',
  summary: 'Exchange a visitor id for a visitor token',
  auth: 'public',
  tags: ['visitor'],
  body: SessionBody,
  example: { botId: 'b_x', visitorId: '9f86d081884c7d659a2feaa0' },
  responses: { 200: 'The token and its expiry', 404: 'No published bot with this id' },
});
describeRoute({
  ...visitor,
  method: 'put',
  path: '/visitor/timers/:timerId',
  summary: 'Register a long timer',
  body: TimerBody,
  example: { dueAt: 1795446436269, event: { type: 't:remind' } },
  responses: { 201: 'Registered', 200: 'Already registered' },
});
describeRoute({
  ...visitor,
  method: 'delete',
  path: '/visitor/timers/:timerId',
  summary: 'Cancel a long timer',
  responses: { 204: 'Cancelled (or already fired)' },
});
describeRoute({
  ...visitor,
  method: 'get',
  path: '/visitor/events',
  summary: 'Deliveries (text/event-stream); `?token=` and `Last-Event-ID`',
  responses: { 200: { description: 'Server-sent events', contentType: 'text/event-stream' } },
});
describeRoute({
  ...visitor,
  method: 'post',
  path: '/visitor/ack',
  summary: 'Acknowledge deliveries up to an id',
  body: AckBody,
  example: { upTo: 42 },
  responses: { 204: 'Acknowledged' },
});
describeRoute({
  ...visitor,
  method: 'post',
  path: '/visitor/handoffs',
  summary: 'Ask for a human manager',
  body: HandoffBody,
  example: {
    handoffKey: 'help@3',
    queue: 'sales',
    timeoutAt: null,
    transcript: [{ from: 'visitor', text: 'A human, please' }],
    variables: {},
  },
  responses: { 201: 'Created', 200: 'Already created for this handoffKey' },
});
describeRoute({
  ...visitor,
  method: 'post',
  path: '/visitor/handoffs/:id/messages',
  summary: 'The visitor writes to the manager',
  body: MessageBody,
  example: { text: 'Thanks!' },
  responses: { 201: 'The message id' },
});
describeRoute({
  ...visitor,
  method: 'post',
  path: '/visitor/handoffs/:id/rating',
  summary: 'Rate the help, 1–5, after resolve',
  body: RatingBody,
  example: { rating: 5 },
  responses: { 204: 'Rated' },
});

export interface VisitorDeps {
  tokens: () => VisitorTokens;
  settings: BotSettingsSource;
  timers: TimerService;
  handoffs: HandoffService;
  hub: EventHub;
  acknowledge: (botId: string, visitorId: string, upTo: number) => Promise<void>;
  bodyLimitBytes: number;
  rateLimits: boolean;
  /** `POST`/`DELETE /results` (results-router.ts), which read their own text body, so they go before the JSON parser. */
  results?: Router;
}

/** `/api/v1/visitor`: what a bot's runtime calls, and only that (docs/visitor-protocol.md). */
export function visitorRouter(deps: VisitorDeps): Router {
  const router = Router();
  const originsOf = async (botId: unknown) =>
    typeof botId === 'string' ? ((await deps.settings(botId))?.allowedOrigins ?? []) : null;
  const corsFor = (botOf: (req: Request) => unknown) =>
    visitorCors((req) => originsOf(botOf(req)), { emptyAllowsAny: true });
  router.use(noStore());
  // A preflight has no token and no body: it is checked for the bot its URL names (`?botId=`), else allowed,
  // and the request that follows is checked against its own bot below.
  router.use(corsFor((req) => (req.method === 'OPTIONS' ? req.query.botId : undefined)));
  // Per client address: offices and carriers put many visitors behind one, so it is generous (3,000 a minute).
  const limit = deps.rateLimits ? rateLimit : () => noLimit();
  router.use(limit({ group: 'visitor', capacity: 300, refillPerSecond: 50 }));
  if (deps.results) router.use(deps.results);
  router.use(express.json({ limit: Math.min(deps.bodyLimitBytes, 512 * 1024), strict: false }));

  router.post(
    '/session',
    corsFor((req) => req.body?.botId),
    async (req, res) => {
      const { botId, visitorId } = parseBody(req, SessionBody);
      const bot = await deps.settings(botId);
      if (!bot?.published) throw apiError('visitor.bot_not_found');
      res.json(deps.tokens().issue(botId, visitorId));
    },
  );

  const authed = Router();
  authed.use(visitorAuth(deps.tokens));
  authed.use(corsFor((req) => visitorOf(req).botId));
  // Per visitor as well (300 a minute), so one visitor cannot use up an address shared with others.
  authed.use(
    limit({
      group: 'visitor-token',
      capacity: 60,
      refillPerSecond: 5,
      key: (req) => `${visitorOf(req).botId}/${visitorOf(req).visitorId}`,
    }),
  );

  authed.put('/timers/:timerId', async (req, res) => {
    const timerId = timerIdOf(req);
    const { dueAt, event } = parseBody(req, TimerBody);
    const { botId, visitorId } = visitorOf(req);
    const created = await deps.timers.schedule(botId, visitorId, timerId, dueAt, event);
    res.status(created ? 201 : 200).json({ timerId, dueAt });
  });

  authed.delete('/timers/:timerId', async (req, res) => {
    const { botId, visitorId } = visitorOf(req);
    await deps.timers.cancel(botId, visitorId, timerIdOf(req));
    res.status(204).end();
  });

  authed.get('/events', async (req, res) => {
    const { botId, visitorId } = visitorOf(req);
    const last =
      req.get('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    const after = last !== undefined && /^\d{1,15}$/.test(last) ? Number(last) : 0;
    await deps.hub.openVisitorStream(req, res, botId, visitorId, after);
  });

  authed.post('/ack', async (req, res) => {
    const { upTo } = parseBody(req, AckBody);
    const { botId, visitorId } = visitorOf(req);
    await deps.acknowledge(botId, visitorId, upTo);
    res.status(204).end();
  });

  authed.post('/handoffs', async (req, res) => {
    const body = parseBody(req, HandoffBody);
    const visitor = visitorOf(req);
    const bot = await deps.settings(visitor.botId);
    if (!bot?.published) throw apiError('visitor.bot_not_found');
    const { handoff, created } = await deps.handoffs.create(visitor, bot.orgId, body);
    res.status(created ? 201 : 200).json({ id: handoff.id, status: handoff.status });
  });

  authed.post('/handoffs/:id/messages', async (req, res) => {
    const { text } = parseBody(req, MessageBody);
    const id = await deps.handoffs.visitorMessage(visitorOf(req), pathParam(req, 'id'), text);
    res.status(201).json({ id });
  });

  authed.post('/handoffs/:id/rating', async (req, res) => {
    const { rating } = parseBody(req, RatingBody);
    await deps.handoffs.rate(visitorOf(req), pathParam(req, 'id'), rating);
    res.status(204).end();
  });

  router.use(authed);
  return router;
}

function timerIdOf(req: Request): string {
  const id = pathParam(req, 'timerId');
  if (!TIMER_ID.test(id)) throw apiError('request.invalid', { message: 'timerId must be 1–300 printable characters' });
  return id;
}
