/**
 * The one view of a handoff that managers get, whichever way it reaches them: the queue list, the answers to claim
 * and resolve, the `handoff` of the manager stream's events (as it was when the event happened), and the console's
 * types. The server builds it with `queueEntry`, so the three can no longer drift apart.
 */

/** Where a handoff is: waiting for a manager, in a conversation with one, or closed either way. */
export type HandoffStatus = 'waiting' | 'active' | 'resolved' | 'timeout';

/** How a manager closed it: the bot continues on one of two branches. */
export type HandoffOutcome = 'resolved' | 'unresolved';

/** A handoff as the queue lists it: who, where, who has it, whether the visitor left, how long it has waited. */
export interface QueueEntry {
  id: string;
  botId: string;
  queue: string | null;
  status: HandoffStatus;
  createdAt: string;
  claimedAt: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  resolvedAt: string | null;
  outcome: HandoffOutcome | null;
  /** When the visitor closed the page and did not come back within the grace period; null while they are there. */
  visitorLeftAt: string | null;
  /** From the request until a manager claimed or closed it, or until now while it waits. */
  waitingMs: number;
  timeoutAt: string | null;
  /** The visitor's last words to the bot, cut to 140 characters. */
  preview: string | null;
}

/** A message of a handoff conversation: from the visitor or a manager. */
export interface HandoffMessage {
  id: number;
  from: 'visitor' | 'manager';
  text: string;
  name: string | null;
  at: string;
}

/** One handoff with its conversation, variables and outcome: `GET /handoffs/:id`. */
export interface HandoffDetail extends QueueEntry {
  /** What was said before the handoff, the bot's and the visitor's lines. */
  transcript: { from: 'bot' | 'visitor' | 'manager' | 'system'; text: string }[];
  variables: Record<string, unknown>;
  resultVariables: Record<string, unknown> | null;
  note: string | null;
  rating: number | null;
  messages: HandoffMessage[];
}

/** What `queueEntry` reads of a stored handoff (the server's `Handoff` has all of it). */
export interface HandoffFacts {
  id: string;
  botId: string;
  queue: string | null;
  status: HandoffStatus;
  createdAt: Date;
  claimedAt: Date | null;
  claimedBy: string | null;
  claimedByName: string | null;
  resolvedAt: Date | null;
  outcome: HandoffOutcome | null;
  visitorLeftAt: Date | null;
  timeoutAt: Date | null;
  transcript: readonly { from: string; text: string }[];
}

/** The queue entry of a handoff at time `now` (ms), which only matters while nobody has claimed or closed it. */
export function queueEntry(h: HandoffFacts, now: number): QueueEntry {
  const waitedUntil = h.claimedAt ?? h.resolvedAt ?? new Date(now);
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
    waitingMs: Math.max(0, waitedUntil.getTime() - h.createdAt.getTime()),
    timeoutAt: h.timeoutAt?.toISOString() ?? null,
    preview:
      h.transcript
        .filter((line) => line.from === 'visitor')
        .at(-1)
        ?.text.slice(0, 140) ?? null,
  };
}
