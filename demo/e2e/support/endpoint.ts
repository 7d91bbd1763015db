/**
 * Test support: a scripted, counting HTTP endpoint at `/t/api/<path>` on the server's origin, the
 * way a landing owner's own API would sit beside the page (so `connect-src 'self'` allows it).
 * Routing it for a whole context counts the calls of every tab in one place.
 */
import type { BrowserContext, Page, Route } from '@playwright/test';

export interface Call {
  method: string;
  /** path after /t/api/ */
  path: string;
  /** the Idempotency-Key header */
  key: string | undefined;
  body: string | null;
  /** Node's clock when the call arrived, ms */
  at: number;
}

/**
 * What the endpoint does with a call: answer, hold it unanswered (the page may go away meanwhile),
 * or fail it at the network level, as a refused connection (the page's fetch rejects).
 */
export type Answer = { status: number; body?: unknown } | 'hold' | 'refuse';

export interface Endpoint {
  calls: Call[];
  /** calls whose path starts with `prefix` */
  to(prefix: string): Call[];
}

/** Routes `/t/api/**` to `answer` (or to the answer it resolves to); the default answers 200 with `{ data: { id: 'L-1' } }`. */
export async function testEndpoint(
  target: Page | BrowserContext,
  answer: (call: Call, nth: number) => Answer | Promise<Answer> = () => ({
    status: 200,
    body: { data: { id: 'L-1' } },
  }),
): Promise<Endpoint> {
  const calls: Call[] = [];
  await target.route('**/t/api/**', async (route: Route) => {
    const req = route.request();
    const path = new URL(req.url()).pathname.replace(/^\/t\/api\//, '');
    const call: Call = {
      method: req.method(),
      path,
      key: req.headers()['idempotency-key'],
      body: req.postData(),
      at: Date.now(),
    };
    calls.push(call);
    // An answer may be a promise: the test decides when the endpoint replies.
    const a = await answer(call, calls.filter((c) => c.path === path).length);
    if (a === 'hold') return;
    if (a === 'refuse') return route.abort('connectionrefused').catch(() => undefined);
    // The page may have been reloaded while the answer was being made.
    await route
      .fulfill({ status: a.status, contentType: 'application/json', body: JSON.stringify(a.body ?? {}) })
      .catch(() => undefined);
  });
  return { calls, to: (prefix) => calls.filter((c) => c.path.startsWith(prefix)) };
}
