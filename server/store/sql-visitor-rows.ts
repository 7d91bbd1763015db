import type { Delivery, Handoff, HandoffEvent } from './types.ts';

/** A row as the SQL drivers answer it: snake_case columns. */
export type Row = Record<string, any>;

/** What a manager's queue shows of a handoff, without the transcript: the core of `queueView()` and of the stream's events. */
export function summary(h: Handoff) {
  return {
    id: h.id,
    botId: h.botId,
    queue: h.queue,
    status: h.status,
    createdAt: h.createdAt.toISOString(),
    claimedAt: h.claimedAt?.toISOString() ?? null,
    claimedBy: h.claimedBy,
    claimedByName: h.claimedByName,
    resolvedAt: h.resolvedAt?.toISOString() ?? null,
    outcome: h.outcome,
    visitorLeftAt: h.visitorLeftAt?.toISOString() ?? null,
  };
}

export function toDelivery(r: Row): Delivery {
  return {
    id: Number(r.id),
    botId: r.bot_id,
    visitorId: r.visitor_id,
    seq: Number(r.seq),
    kind: r.kind,
    ref: r.ref,
    event: r.event,
    dueAt: r.due_at ?? null,
    createdAt: r.created_at,
  };
}

export function toHandoff(r: Row): Handoff {
  return {
    id: r.id,
    orgId: r.org_id,
    botId: r.bot_id,
    visitorId: r.visitor_id,
    handoffKey: r.handoff_key,
    queue: r.queue,
    status: r.status,
    transcript: r.transcript,
    variables: r.variables,
    createdAt: r.created_at,
    timeoutAt: r.timeout_at,
    claimedAt: r.claimed_at,
    claimedBy: r.claimed_by,
    claimedByName: r.claimed_by_name,
    resolvedAt: r.resolved_at,
    outcome: r.outcome,
    resultVariables: r.result_variables,
    note: r.note,
    rating: r.rating,
    visitorLeftAt: r.visitor_left_at ?? null,
  };
}

export function toEvent(r: Row): HandoffEvent {
  return {
    orgId: r.org_id,
    seq: Number(r.seq),
    handoffId: r.handoff_id,
    type: r.type,
    data: r.data,
    createdAt: r.created_at,
  };
}
