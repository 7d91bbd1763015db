/**
 * The handoffs facet of the store: visitors who asked for a person, their transcripts and the events managers see,
 * whether the visitor is still on the page, managers' availability and their KPIs. Implemented once over SQL
 * (`sql-handoff-store.ts`) and held to `handoff-store.contract.ts` on both drivers.
 */
import type { HandoffOutcome, HandoffStatus } from '../../rest/index.ts';
import type { Delivery } from './timer-types.ts';

// The same words managers read in the REST API's queue entries, so the two cannot drift.
export type { HandoffOutcome, HandoffStatus };

export interface TranscriptLine {
  from: 'bot' | 'visitor' | 'manager' | 'system';
  text: string;
}

export interface Handoff {
  id: string;
  orgId: string;
  botId: string;
  visitorId: string;
  handoffKey: string;
  queue: string | null;
  status: HandoffStatus;
  transcript: TranscriptLine[];
  variables: Record<string, unknown>;
  createdAt: Date;
  timeoutAt: Date | null;
  claimedAt: Date | null;
  claimedBy: string | null;
  claimedByName: string | null;
  resolvedAt: Date | null;
  outcome: HandoffOutcome | null;
  resultVariables: Record<string, unknown> | null;
  note: string | null;
  rating: number | null;
  /** When the visitor's event stream closed and did not come back within the grace period; null while they are here. */
  visitorLeftAt: Date | null;
}

export interface NewHandoff {
  id: string;
  orgId: string;
  botId: string;
  visitorId: string;
  handoffKey: string;
  queue: string | null;
  transcript: TranscriptLine[];
  variables: Record<string, unknown>;
  timeoutAt: Date | null;
}

export type HandoffEventType =
  'created' | 'claimed' | 'message' | 'resolved' | 'timeout' | 'rated' | 'visitor_left' | 'visitor_back';

/** Something managers of an org see happen; `seq` is the manager stream's id, monotonic per org. */
export interface HandoffEvent {
  orgId: string;
  seq: number;
  handoffId: string;
  type: HandoffEventType;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** Who acts on a handoff from the console: a user, or an org-wide API token (no user). */
export interface ManagerRef {
  userId: string | null;
  name: string;
}

/** What a change to a handoff produced, so the caller can fan it out. */
export interface HandoffChange {
  handoff: Handoff;
  event: HandoffEvent;
  delivery: Delivery | null;
}

export interface ManagerKpi {
  userId: string | null;
  name: string;
  /** Handoffs this manager closed, whatever the outcome. */
  count: number;
  /** Of those, closed with outcome `resolved`. */
  resolved: number;
  medianClaimMs: number | null;
  medianResolveMs: number | null;
  averageRating: number | null;
  ratings: number;
}

/** Handoffs from the bot to a person, and what managers see of them. */
export interface HandoffsStore {
  /** Creates the handoff, or returns the one this visitor already made with that key (`created: false`). */
  createHandoff(input: NewHandoff): Promise<{ handoff: Handoff; created: boolean; event: HandoffEvent | null }>;
  /** A handoff of this visitor of this bot; null for anyone else's. */
  visitorHandoff(botId: string, visitorId: string, id: string): Promise<Handoff | null>;
  /** A handoff of the org; null for another org's. */
  getHandoff(orgId: string, id: string): Promise<Handoff | null>;
  listHandoffs(orgId: string, status: HandoffStatus): Promise<Handoff[]>;
  /** The handoff's `message` events, oldest first. */
  handoffMessages(orgId: string, id: string): Promise<HandoffEvent[]>;
  /** A visitor's message: an event for managers. `'closed'` when the handoff is closed, null when it is not this visitor's. */
  addVisitorMessage(
    botId: string,
    visitorId: string,
    id: string,
    text: string,
  ): Promise<HandoffEvent | 'closed' | null>;
  /** Takes a waiting handoff for this manager, atomically; `'taken'` when it was not waiting, null when not in the org. */
  claimHandoff(orgId: string, id: string, manager: ManagerRef): Promise<HandoffChange | 'taken' | null>;
  /** A manager's message to an active handoff: an event and an `h:msg` delivery. `'closed'` when it is not active. */
  addManagerMessage(
    orgId: string,
    id: string,
    manager: ManagerRef,
    text: string,
  ): Promise<HandoffChange | 'closed' | null>;
  /** Closes an active (or waiting) handoff with `h:done`. `'closed'` when it already was. */
  resolveHandoff(
    orgId: string,
    id: string,
    manager: ManagerRef,
    result: { outcome: HandoffOutcome; variables: Record<string, unknown>; note: string | null },
  ): Promise<HandoffChange | 'closed' | null>;
  /** Times a handoff out with `h:timeout`, if nobody claimed it; null when it was claimed or closed. */
  timeoutHandoff(id: string): Promise<HandoffChange | null>;
  /** The visitor's 1–5 rating of a resolved handoff; false when it is not resolved. */
  rateHandoff(handoff: Handoff, rating: number): Promise<HandoffEvent | false>;
  /** The org's events with `seq > after`, oldest first. */
  handoffEventsAfter(orgId: string, after: number, limit: number): Promise<HandoffEvent[]>;
  lastHandoffEventSeq(orgId: string): Promise<number>;
  /**
   * The visitor's event stream opened at `at`: their open handoffs record it, and those marked left lose
   * the mark (a `visitor_back` event each, returned).
   */
  visitorArrived(botId: string, visitorId: string, at: Date): Promise<HandoffEvent[]>;
  /**
   * The visitor's stream closed at `closedAt` and stayed closed for the grace period: their open handoffs
   * not yet marked, and whose stream has not opened again since (on any instance), are marked left
   * (a `visitor_left` event each, returned).
   */
  visitorLeft(botId: string, visitorId: string, closedAt: Date): Promise<HandoffEvent[]>;

  setAvailability(orgId: string, userId: string, status: 'online' | 'away'): Promise<void>;
  getAvailability(orgId: string, userId: string): Promise<'online' | 'away'>;
  managerKpis(orgId: string): Promise<ManagerKpi[]>;
}
