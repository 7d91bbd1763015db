/** The console's view of the REST API: same-origin calls with the session cookie, through the shared web client. */
import { createClient } from '../../rest/index.ts';

export { ApiError } from '../../rest/index.ts';

// The handoff views are the API's own (rest/handoffs.ts), the ones the server builds them with.
export type { HandoffDetail, HandoffMessage as Message, QueueEntry } from '../../rest/index.ts';

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
