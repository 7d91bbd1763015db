/** The console's view of the REST API: same-origin fetches with the session cookie. */

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

export interface Message {
  id: number;
  from: 'visitor' | 'manager';
  text: string;
  name: string | null;
  at: string;
}

export interface HandoffDetail extends QueueEntry {
  transcript: { from: string; text: string }[];
  variables: Record<string, unknown>;
  resultVariables: Record<string, unknown> | null;
  note: string | null;
  rating: number | null;
  messages: Message[];
}

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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One JSON call; a 401 sends the manager to the login page and back. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch('/api/v1' + path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 401) {
    location.assign('/login?next=' + encodeURIComponent(location.pathname));
    throw new ApiError(401, 'auth.required', 'Please sign in');
  }
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'unknown',
      body?.error?.message ?? `Request failed (${res.status})`,
    );
  return body as T;
}
