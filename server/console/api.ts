/** The console's view of the REST API: same-origin calls with the session cookie, through the shared web client. */
import { createClient } from '../../rest/index.ts';

export { ApiError } from '../../rest/index.ts';

/** A handoff as the API lists it and the manager stream's events carry it (`queueView()` on the server). */
export interface QueueEntry {
  id: string;
  botId: string;
  queue: string | null;
  status: 'waiting' | 'active' | 'resolved' | 'timeout';
  createdAt: string;
  waitingMs: number;
  timeoutAt: string | null;
  claimedAt: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  resolvedAt: string | null;
  outcome: 'resolved' | 'unresolved' | null;
  /** When the visitor closed the page and did not come back within the grace period; null while they are there. */
  visitorLeftAt: string | null;
  preview: string | null;
}

/** A message of a handoff conversation: from the visitor or a manager. */
export interface Message {
  id: number;
  from: 'visitor' | 'manager';
  text: string;
  name: string | null;
  at: string;
}

/** One handoff with its conversation, variables and outcome, as the console shows it. */
export interface HandoffDetail extends QueueEntry {
  transcript: { from: string; text: string }[];
  variables: Record<string, unknown>;
  resultVariables: Record<string, unknown> | null;
  note: string | null;
  rating: number | null;
  messages: Message[];
}

/** One manager's figures: handoffs taken and resolved, median times, ratings. */
export interface Kpi {
  userId: string | null;
  name: string;
  count: number;
  resolved: number;
  medianClaimMs: number | null;
  medianResolveMs: number | null;
  averageRating: number | null;
  ratings: number;
}

const client = createClient({
  base: '/api/v1',
  // A lapsed session sends the manager to the login page, and back here after it.
  onUnauthorized: () => location.assign('/login?next=' + encodeURIComponent(location.pathname)),
});

/** One JSON call (`body` goes as JSON); failures are the shared client's coded `ApiError`. */
export function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  return client.json<T>(path, { method: init.method, json: init.body });
}
