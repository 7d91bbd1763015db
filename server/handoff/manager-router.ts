import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.ts';
import { apiError } from '../http/http-error.ts';
import { pathParam } from '../http/params.ts';
import { parseBody } from '../http/validate.ts';
import { queueEntry, type HandoffDetail, type HandoffMessage, type QueueEntry } from '../../rest/index.ts';
import type { Handoff, HandoffEvent, HandoffStatus, HandoffsStore } from '../store/types.ts';
import type { EventHub } from '../visitor/event-hub.ts';
import { AvailabilityBody, MessageBody, ResolveBody } from '../visitor/visitor-schemas.ts';
import type { HandoffService } from './handoff-service.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import { HandoffDetailView, HandoffEntry, HandoffList } from '../api/response-schemas.ts';

// In the OpenAPI document (`/api/v1/openapi.json`); the examples are what the access-matrix tests send.
describeRoute({
  method: 'get',
  path: '/handoffs',
  summary: 'The handoff queue',
  tags: ['handoffs'],
  query: z.object({ status: z.enum(['waiting', 'active', 'resolved', 'timeout']).optional() }),
  responses: {
    200: {
      description:
        'Handoffs with this status (default `waiting`), oldest first; waiting ones whose visitor left after the others',
      schema: HandoffList,
    },
  },
});
describeRoute({
  method: 'get',
  path: '/handoffs/events',
  summary: 'Live queue and chat events (text/event-stream)',
  tags: ['handoffs'],
  responses: { 200: { description: 'Server-sent events; `Last-Event-ID` resumes', contentType: 'text/event-stream' } },
});
describeRoute({
  method: 'get',
  path: '/handoffs/:id',
  summary: 'One handoff with its transcript, variables and messages',
  tags: ['handoffs'],
  responses: { 200: { description: 'The handoff', schema: HandoffDetailView } },
});
describeRoute({
  method: 'post',
  path: '/handoffs/:id/claim',
  summary: 'Take a waiting handoff',
  tags: ['handoffs'],
  responses: {
    200: { description: 'Claimed by you', schema: HandoffEntry },
    409: 'Someone else has it, or it is over',
  },
});
describeRoute({
  method: 'post',
  path: '/handoffs/:id/messages',
  summary: 'Reply to the visitor',
  tags: ['handoffs'],
  body: MessageBody,
  example: { text: 'Hi, I can help with that.' },
  responses: { 201: 'The message id' },
});
describeRoute({
  method: 'post',
  path: '/handoffs/:id/resolve',
  summary: 'Close a handoff and hand the visitor back to the bot',
  tags: ['handoffs'],
  body: ResolveBody,
  example: { outcome: 'resolved', variables: { plan: 'pro' }, note: 'Upgraded' },
  responses: { 200: { description: 'Resolved', schema: HandoffEntry } },
});
describeRoute({
  method: 'get',
  path: '/me/availability',
  summary: 'Your availability as a manager',
  tags: ['handoffs'],
  responses: { 200: '`online` or `away`' },
});
describeRoute({
  method: 'put',
  path: '/me/availability',
  summary: 'Set your availability',
  tags: ['handoffs'],
  body: AvailabilityBody,
  example: { status: 'away' },
  responses: { 200: 'Saved' },
});
describeRoute({
  method: 'get',
  path: '/kpis',
  summary: 'Per-manager KPIs of the organisation',
  tags: ['handoffs'],
  responses: { 200: 'Resolved count, median time to claim and to resolve, rating' },
});

const STATUSES: HandoffStatus[] = ['waiting', 'active', 'resolved', 'timeout'];

/**
 * The managers' side, under the authenticated `/api/v1`: the queue, one handoff, claim, reply, resolve,
 * the live stream, one's availability and the KPIs. Every role of the org may help visitors; another
 * org's handoff is 404, exactly like one that does not exist.
 */
export function managerRouter(deps: { handoffs: HandoffService; hub: EventHub; store: HandoffsStore }): Router {
  const router = Router();

  router.get('/handoffs', async (req, res) => {
    const status = (req.query.status ?? 'waiting') as HandoffStatus;
    if (!STATUSES.includes(status))
      throw apiError('request.invalid', { message: `status must be one of ${STATUSES.join(', ')}` });
    const now = Date.now();
    res.json({ handoffs: (await deps.handoffs.list(actorOf(req), status)).map((h) => queueEntry(h, now)) });
  });

  router.get('/handoffs/events', async (req, res) => {
    const last =
      req.get('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    const after = last !== undefined && /^\d{1,15}$/.test(last) ? Number(last) : null;
    await deps.hub.openManagerStream(req, res, actorOf(req).orgId, after);
  });

  router.get('/handoffs/:id', async (req, res) => {
    const { handoff, messages } = await deps.handoffs.get(actorOf(req), pathParam(req, 'id'));
    const detail: HandoffDetail = {
      ...queueEntry(handoff, Date.now()),
      transcript: handoff.transcript,
      variables: handoff.variables,
      resultVariables: handoff.resultVariables,
      note: handoff.note,
      rating: handoff.rating,
      messages: messages.map(messageView),
    };
    res.json(detail);
  });

  router.post('/handoffs/:id/claim', async (req, res) => {
    res.json(queueEntry(await deps.handoffs.claim(actorOf(req), pathParam(req, 'id')), Date.now()));
  });

  router.post('/handoffs/:id/messages', async (req, res) => {
    const { text } = parseBody(req, MessageBody);
    res.status(201).json({ id: await deps.handoffs.message(actorOf(req), pathParam(req, 'id'), text) });
  });

  router.post('/handoffs/:id/resolve', async (req, res) => {
    const body = parseBody(req, ResolveBody);
    res.json(queueEntry(await deps.handoffs.resolve(actorOf(req), pathParam(req, 'id'), body), Date.now()));
  });

  router.get('/me/availability', async (req, res) => {
    const actor = actorOf(req);
    res.json({ status: actor.userId ? await deps.store.getAvailability(actor.orgId, actor.userId) : 'online' });
  });

  router.put('/me/availability', async (req, res) => {
    const { status } = parseBody(req, AvailabilityBody);
    const actor = actorOf(req);
    if (!actor.userId)
      throw apiError('auth.user_required', { message: 'Availability belongs to a user; sign in as one' });
    await deps.store.setAvailability(actor.orgId, actor.userId, status);
    res.json({ status });
  });

  router.get('/kpis', async (req, res) => {
    res.json({ managers: await deps.store.managerKpis(actorOf(req).orgId) });
  });

  return router;
}

/** A message of the conversation, from the handoff's `message` events. */
function messageView(e: HandoffEvent): HandoffMessage {
  return {
    id: e.seq,
    from: e.data.from as HandoffMessage['from'],
    text: e.data.text as string,
    name: (e.data.name as string | undefined) ?? null,
    at: e.createdAt.toISOString(),
  };
}
