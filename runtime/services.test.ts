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

describe('scripts, branches and splits', () => {
  it('runs script code on a copy of the variables and routes a throw to onError', async () => {
    const doc = (code: string) =>
      scenario(
        [
          { id: 's', type: 'script', code, next: 'ok', onError: 'bad' },
          { id: 'ok', type: 'end', text: 'Hello {{full}}' },
          { id: 'bad', type: 'end', text: 'Script failed' },
        ],
        { variables: { first: 'Ann', full: '' } },
      );
    const ok = drive(doc('vars.first = "changed"; return { full: "Ann Lee" };'));
    await finished(ok);
    expect(ok.lines()).toEqual(['b: Hello Ann Lee']);
    expect(ok.vars().first).toBe('Ann');
    const bad = drive(doc('throw new Error("nope")'));
    await finished(bad);
    expect(bad.lines()).toEqual(['b: Script failed']);
  });

  it('runs parallel branches and continues at the join only when every branch arrived', () => {
    const b = drive(
      scenario(
        [
          { id: 'p', type: 'parallel', branches: ['a1', 'b1'], join: 'j' },
          { id: 'a1', type: 'input', prompt: 'Email?', var: 'email', input: 'email', next: 'j' },
          {
            id: 'b1',
            type: 'choice',
            prompt: 'Size?',
            var: 'size',
            options: [
              { label: 'S', next: 'j' },
              { label: 'L', next: 'j' },
            ],
          },
          { id: 'j', type: 'join', next: 'end' },
          { id: 'end', type: 'end', text: '{{email}} / {{size}}' },
        ],
        { variables: { email: '', size: '' } },
      ),
    );
    b.type('a1', 'ann@example.com');
    expect(b.status()).toBe('active');
    b.choose('b1', 1);
    expect(b.lines().at(-1)).toBe('b: ann@example.com / L');
    expect(b.status()).toBe('done');
  });

  it('keeps a node whose id is j inside a parallel branch, where the compiler marks the end of each branch', () => {
    const b = drive(
      scenario(
        [
          { id: 'p', type: 'parallel', branches: ['j', 'b1'], join: 'meet' },
          { id: 'j', type: 'input', prompt: 'Email?', var: 'email', input: 'email', next: 'meet' },
          { id: 'b1', type: 'choice', prompt: 'Size?', var: 'size', options: [{ label: 'S', next: 'meet' }] },
          { id: 'meet', type: 'join', next: 'end' },
          { id: 'end', type: 'end', text: '{{email}} / {{size}}' },
        ],
        { variables: { email: '', size: '' } },
      ),
    );
    expect(b.lines()).toEqual(['b: Email?', 'b: Size?']);
    b.choose('b1', 0);
    expect(b.status()).toBe('active');
    b.type('j', 'ann@example.com');
    expect(b.lines().at(-1)).toBe('b: ann@example.com / S');
    expect(b.status()).toBe('done');
  });

  it('routes free text to the closest intent, tolerating a typo, and else when nothing matches', () => {
    const doc = scenario([
      {
        id: 'i',
        type: 'intent',
        prompt: 'How can I help?',
        var: 'q',
        intents: [
          { name: 'price', examples: ['how much does it cost', 'pricing'], next: 'price' },
          { name: 'human', examples: ['talk to a person'], next: 'human' },
        ],
        else: 'other',
      },
      { id: 'price', type: 'end', text: 'price' },
      { id: 'human', type: 'end', text: 'human' },
      { id: 'other', type: 'end', text: 'other' },
    ]);
    const say = (text: string) => {
      const b = drive(doc);
      b.type('i', text);
      return b.lines().at(-1);
    };
    expect(say('What is your pricng?')).toBe('b: price');
    expect(say('can I talk to a real person')).toBe('b: human');
    expect(say('the weather today')).toBe('b: other');
  });

  it('sends each visitor down the same A/B branch every time, split by weight', () => {
    const doc = scenario([
      {
        id: 's',
        type: 'split',
        branches: [
          { weight: 1, next: 'a' },
          { weight: 3, next: 'b' },
        ],
      },
      { id: 'a', type: 'end', text: 'A' },
      { id: 'b', type: 'end', text: 'B' },
    ]);
    const branch = (vid: string) => drive(doc, { vid }).lines()[0];
    expect(branch('v-7')).toBe(branch('v-7'));
    const counts = { 'b: A': 0, 'b: B': 0 } as Record<string, number>;
    for (let i = 0; i < 400; i++) counts[branch('visitor-' + i)]++;
    expect(counts['b: A']).toBeGreaterThan(60);
    expect(counts['b: A']).toBeLessThan(140);
  });

  it('falls back to onTimeout with a polite message when no manager can be reached', async () => {
    const b = drive(
      scenario([
        {
          id: 'h',
          type: 'handoff',
          text: 'Let me find a colleague…',
          timeout: 'PT5M',
          next: 'back',
          onTimeout: 'alone',
        },
        { id: 'back', type: 'end', text: 'Glad we sorted it out.' },
        { id: 'alone', type: 'end', text: 'Outcome: {{handoff.outcome}}' },
      ]),
    );
    await finished(b);
    expect(b.lines()).toEqual([
      'b: Let me find a colleague…',
      'b: Our team could not join right now. Let me help you in the meantime.',
      'b: Outcome: timeout',
    ]);
  });
});
