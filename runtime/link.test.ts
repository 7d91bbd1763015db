import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drive, scenario } from './test/drive.ts';
import { simClock, type SimClock } from './test/sim-clock.ts';
import { testEndpoint } from './test/test-endpoint.ts';

/**
 * The real server link against a real HTTP endpoint that plays a Chatlet server which is down,
 * then back: long timers must still fire from the browser, and the link must not stay broken.
 */
const closers: (() => unknown)[] = [];

/** Node 20 has no EventSource: this one records which streams the link opens (the e2e specs use Chromium's). */
const streams: string[] = [];
class RecordingEventSource {
  constructor(url: string) {
    streams.push(url);
  }
  addEventListener() {}
  close() {}
}

let clock: SimClock;
beforeEach(() => {
  streams.length = 0;
  vi.stubGlobal('EventSource', RecordingEventSource);
  clock = simClock(Date.parse('2026-03-01T10:00:00Z'));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  while (closers.length) await closers.pop()!();
});

const twoLongDelays = scenario(
  [
    { id: 'first', type: 'delay', duration: 'PT2M', next: 'mid' },
    { id: 'mid', type: 'message', text: 'Two minutes passed.', next: 'second' },
    { id: 'second', type: 'delay', duration: 'PT2M', next: 'done' },
    { id: 'done', type: 'end', text: 'Four minutes passed.' },
  ],
  { settings: { longTimerThreshold: 'PT1M' } },
);

describe('the server link when the server is down', () => {
  it('fires a long timer from the browser when the server cannot be reached, and asks for a session again for the next one', async () => {
    // The first session request fails (the server is down); from then on the server answers.
    const server = await testEndpoint((c, n) =>
      c.path.endsWith('/session')
        ? n === 1
          ? { status: 503 }
          : { status: 201, body: { token: 'tok-1' } }
        : { status: 204 },
    );
    closers.push(server.close);
    const firstDue = clock.now() + 120_000;
    const warnings: string[] = [];
    const b = drive(twoLongDelays, {
      clock,
      publicUrl: server.url,
      warn: (code, message) => warnings.push(`${code} ${message}`),
    });
    await vi.waitFor(() => expect(server.calls).toHaveLength(1));
    expect(b.lines()).toEqual([]);

    await clock.advanceAsync(119_999);
    expect(b.lines()).toEqual([]);
    await clock.advanceAsync(1);
    expect(b.lines()).toEqual(['b: Two minutes passed.']);
    const secondDue = firstDue + 120_000;
    // The link asks for a session again instead of keeping the failed one: the first timer,
    // fired by the browser, is withdrawn from the server, and the second is registered.
    const timer = (id: string) => '/api/v1/visitor/timers/' + encodeURIComponent(id);
    await vi.waitFor(() =>
      expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        'POST /api/v1/visitor/session',
        'POST /api/v1/visitor/session',
        'DELETE ' + timer('first@' + firstDue),
        'PUT ' + timer('second@' + secondDue),
      ]),
    );
    // The page heard once that the server did not answer.
    expect(warnings).toEqual(['server.unreachable POST /session: 503']);
    expect(streams).toEqual([server.url + '/api/v1/visitor/events?token=tok-1']);

    await clock.advanceAsync(120_000);
    expect(b.lines()).toEqual(['b: Two minutes passed.', 'b: Four minutes passed.']);
    expect(b.status()).toBe('done');
  });

  it('finishes a long timer on time when every request to the server fails at the network level', async () => {
    const server = await testEndpoint(() => ({ status: 0, drop: true }));
    closers.push(server.close);
    const warnings: string[] = [];
    const b = drive(twoLongDelays, {
      clock,
      publicUrl: server.url,
      warn: (code, message) => warnings.push(`${code} ${message}`),
    });
    await vi.waitFor(() => expect(server.calls.length).toBeGreaterThan(0));
    await clock.advanceAsync(119_999);
    expect(b.lines()).toEqual([]);
    await clock.advanceAsync(1);
    expect(b.lines()).toEqual(['b: Two minutes passed.']);
    await clock.advanceAsync(120_000);
    expect(b.lines().at(-1)).toBe('b: Four minutes passed.');
    // Many requests failed; the page is told once.
    expect(server.calls.length).toBeGreaterThan(1);
    expect(warnings).toEqual(['server.unreachable POST /session: no answer']);
  });
});
