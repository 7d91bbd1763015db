import { queueEntry, type QueueEntry } from '../../rest/index.ts';
import type { Delivery, Handoff, HandoffEvent } from './types.ts';

/** A row as the SQL drivers answer it: snake_case columns. */
export type Row = Record<string, any>;

/**
 * The queue entry a manager-stream event carries: the handoff as it was when the event happened, at `at` (a time
 * from the row itself, so the database's clock decides, as it does for the row).
 */
export function entryAt(h: Handoff, at: Date): QueueEntry {
  return queueEntry(h, at.getTime());
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
