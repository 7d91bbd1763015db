import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from 'xstate';
import { drive, scenario } from './test/drive.ts';
import { simClock, type SimClock } from './test/sim-clock.ts';
import { testEndpoint } from './test/test-endpoint.ts';

// Timeouts and backoff run on a simulated clock that each test moves past them: the endpoint's
// slow answers wait on it too, so no test waits for a timer in real time.
let clock: SimClock;
beforeEach(() => void (clock = simClock()));

const closers: (() => unknown)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function endpoint(answer: Parameters<typeof testEndpoint>[0]) {
  const e = await testEndpoint(answer, clock);
  closers.push(e.close);
  return e;
}

/** Moves the clock past a backoff of `ms` once the runtime has armed it. */
async function backoff(ms: number) {
  await clock.armed(ms);
  clock.advance(ms);
}

/** Waits until the endpoint has received its `n`th call (the request is on the wire, not a timer). */
const received = (api: { calls: unknown[] }, n: number) => vi.waitFor(() => expect(api.calls).toHaveLength(n));

const finished = (b: ReturnType<typeof drive>) => waitFor(b.actor, (s) => s.status !== 'active', { timeout: 10_000 });

describe('http service tasks', () => {
  it('retries a failing call with backoff and one idempotency key, then saves the response', async () => {
    const api = await endpoint((_, n) => (n < 3 ? { status: 503 } : { status: 200, body: { lead: { id: 'L-9' } } }));
    const b = drive(
      scenario(
        [
          {
            id: 'save',
            type: 'http',
            method: 'POST',
            url: `${api.url}/leads`,
            body: { name: '{{name}}' },
            retry: { max: 3, backoff: 'PT0.1S', factor: 2 },
            save: { leadId: 'lead.id' },
            next: 'ok',
          },
          { id: 'ok', type: 'end', text: 'Saved as {{leadId}}' },
        ],
        { variables: { name: 'Ann', leadId: '' } },
      ),
      { clock },
    );
    await backoff(100);
    await backoff(200);
    await finished(b);
    expect(api.calls).toHaveLength(3);
    expect(new Set(api.calls.map((c) => c.key)).size).toBe(1);
    expect(api.calls[0].key).toMatch(/^visitor-1:test-bot:save:1$/);
    expect(JSON.parse(api.calls[0].body)).toEqual({ name: 'Ann' });
    expect(api.calls[1].at - api.calls[0].at).toBeGreaterThanOrEqual(90);
    expect(api.calls[2].at - api.calls[1].at).toBeGreaterThanOrEqual(190);
    // On the simulated clock the backoff is exact: 0.1 s, then 0.2 s.
    expect(api.calls.map((c) => c.at - api.calls[0].at)).toEqual([0, 100, 300]);
    expect(b.lines()).toEqual(['b: Saved as L-9']);
  });

  it('turns spent retries into an incident that follows onError', async () => {
    const api = await endpoint(() => ({ status: 500 }));
    const b = drive(
      scenario([
        {
          id: 'call',
          type: 'http',
          method: 'GET',
          url: api.url,
          retry: { max: 1, backoff: 'PT0.01S' },
          next: 'ok',
          onError: 'sorry',
        },
        { id: 'ok', type: 'end', text: 'ok' },
        { id: 'sorry', type: 'end', text: 'We will email you instead.' },
      ]),
      { clock },
    );
    await backoff(10);
    await finished(b);
    expect(api.calls).toHaveLength(2);
    expect(b.lines()).toEqual(['b: We will email you instead.']);
    expect(b.actor.getSnapshot().context.e).toEqual([{ n: 'call', c: 'http.failed', m: 'HTTP 500' }]);
  });

  it('does not retry a client error, and without onError tells the visitor and stops safely', async () => {
    const api = await endpoint(() => ({ status: 404 }));
    const b = drive(
      scenario([
        { id: 'call', type: 'http', method: 'GET', url: api.url, next: 'ok' },
        { id: 'ok', type: 'end', text: 'ok' },
      ]),
      { clock },
    );
    await finished(b);
    expect(api.calls).toHaveLength(1);
    // No backoff was ever armed: only the attempt's timeout, cleared.
    expect(clock.delays).toEqual([10_000]);
    expect(clock.pending()).toEqual([]);
    expect(b.lines()).toEqual(['b: Sorry, something went wrong on our side. Please try again later.']);
    expect(b.status()).toBe('done');
  });

  it('gives up on an attempt that outlives its timeout and retries it, keeping the idempotency key', async () => {
    // The first answer would come after 3 s; the node's timeout is 0.2 s, so that attempt is aborted.
    const api = await endpoint((_, n) =>
      n === 1 ? { status: 200, after: 3000, body: { late: true } } : { status: 200, body: { late: false } },
    );
    const b = drive(
      scenario(
        [
          {
            id: 'call',
            type: 'http',
            method: 'GET',
            url: api.url,
            timeout: 'PT0.2S',
            retry: { max: 2, backoff: 'PT0.05S' },
            save: { late: 'late' },
            next: 'ok',
          },
          { id: 'ok', type: 'end', text: 'late: {{late}}' },
        ],
        { variables: { late: '' } },
      ),
      { clock },
    );
    await received(api, 1);
    clock.advance(200);
    await backoff(50);
    await finished(b);
    expect(api.calls).toHaveLength(2);
    expect(api.calls[1].key).toBe(api.calls[0].key);
    // Aborted at the timeout (0.2 s), then the backoff (0.05 s): well before the slow answer would have come.
    // Measured between the two requests' arrivals, so the first request's own trip (CI saw 12 ms on a loaded
    // machine) comes off the 250 ms; the timeout alone is the floor that proves the attempt was waited for.
    expect(api.calls[1].at - api.calls[0].at).toBeGreaterThanOrEqual(200);
    expect(api.calls[1].at - api.calls[0].at).toBeLessThan(2000);
    expect(api.calls[1].at - api.calls[0].at).toBe(250);
    expect(b.lines()).toEqual(['b: late: false']);
  });

  it('treats an endpoint that never answers in time as an incident once the retries are spent', async () => {
    const api = await endpoint(() => ({ status: 200, after: 3000 }));
    const b = drive(
      scenario([
        {
          id: 'call',
          type: 'http',
          method: 'GET',
          url: api.url,
          timeout: 'PT0.1S',
          retry: { max: 1, backoff: 'PT0.01S' },
          next: 'ok',
          onError: 'sorry',
        },
        { id: 'ok', type: 'end', text: 'ok' },
        { id: 'sorry', type: 'end', text: 'The service is slow today.' },
      ]),
      { clock },
    );
    await received(api, 1);
    clock.advance(99);
    expect(b.status()).toBe('active');
    clock.advance(1);
    await backoff(10);
    await received(api, 2);
    clock.advance(100);
    await finished(b);
    expect(api.calls).toHaveLength(2);
    expect(b.lines()).toEqual(['b: The service is slow today.']);
    expect(b.actor.getSnapshot().context.e).toEqual([
      { n: 'call', c: 'http.failed', m: expect.stringMatching(/abort/i) },
    ]);
  });

  it('retries a call whose connection is cut without an answer, as it retries a server error', async () => {
    const api = await endpoint((_, n) => (n < 3 ? { status: 0, drop: true } : { status: 201, body: { id: 7 } }));
    const b = drive(
      scenario(
        [
          {
            id: 'call',
            type: 'http',
            method: 'POST',
            url: api.url,
            body: { a: 1 },
            retry: { max: 3, backoff: 'PT0.05S' },
            save: { id: 'id' },
            next: 'ok',
            onError: 'sorry',
          },
          { id: 'ok', type: 'end', text: 'Saved {{id}}' },
          { id: 'sorry', type: 'end', text: 'Not saved' },
        ],
        { variables: { id: 0 } },
      ),
      { clock },
    );
    await backoff(50);
    await backoff(100);
    await finished(b);
    expect(api.calls).toHaveLength(3);
    expect(new Set(api.calls.map((c) => c.key)).size).toBe(1);
    expect(b.lines()).toEqual(['b: Saved 7']);
    expect(b.actor.getSnapshot().context.e).toEqual([]);
  });

  it('follows onError when nothing listens at the address at all', async () => {
    const gone = await testEndpoint(() => ({ status: 200 }));
    await gone.close();
    const b = drive(
      scenario([
        {
          id: 'call',
          type: 'http',
          method: 'GET',
          url: gone.url,
          retry: { max: 1, backoff: 'PT0.01S' },
          next: 'ok',
          onError: 'sorry',
        },
        { id: 'ok', type: 'end', text: 'ok' },
        { id: 'sorry', type: 'end', text: 'We will call you back.' },
      ]),
      { clock },
    );
    await backoff(10);
    await finished(b);
    expect(b.lines()).toEqual(['b: We will call you back.']);
    expect(b.actor.getSnapshot().context.e).toEqual([{ n: 'call', c: 'http.failed', m: expect.any(String) }]);
  });

  it('keeps talking while a background call runs and lands its result in variables', async () => {
    const api = await endpoint(() => ({ status: 200, body: { score: 42 } }));
    const b = drive(
      scenario(
        [
          {
            id: 'bg',
            type: 'http',
            method: 'GET',
            url: api.url,
            background: true,
            save: { score: 'score' },
            next: 'ask',
          },
          { id: 'ask', type: 'input', prompt: 'Name?', var: 'name', input: 'text', next: 'done' },
          { id: 'done', type: 'end', text: 'Score {{score}}' },
        ],
        { variables: { score: 0, name: '' } },
      ),
    );
    expect(b.lines()).toEqual(['b: Name?']);
    await waitFor(b.actor, (s) => s.context.v.score === 42, { timeout: 5000 });
    b.type('ask', 'Ann');
    expect(b.lines().at(-1)).toBe('b: Score 42');
  });

  it('rolls back completed calls since the checkpoint, newest first', async () => {
    const api = await endpoint(() => ({ status: 200, body: {} }));
    const step = (id: string, next: string) => ({
      id,
      type: 'http',
      method: 'POST',
      url: `${api.url}/${id}`,
      compensate: { method: 'DELETE', url: `${api.url}/${id}` },
      next,
    });
    const b = drive(
      scenario([
        step('early', 'cp'),
        { id: 'cp', type: 'checkpoint', next: 'reserve' },
        step('reserve', 'charge'),
        step('charge', 'undo'),
        { id: 'undo', type: 'rollback', next: 'end' },
        { id: 'end', type: 'end', text: 'Undone' },
      ]),
    );
    await finished(b);
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /early',
      'POST /reserve',
      'POST /charge',
      'DELETE /charge',
      'DELETE /reserve',
    ]);
    expect(api.calls[3].key).toBe(api.calls[2].key + ':compensate');
  });
});
