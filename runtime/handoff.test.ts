import { beforeEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from 'xstate';
import { drive, scenario } from './test/drive.ts';
import { simClock, type SimClock } from './test/sim-clock.ts';
import type { ServerLink } from './types.ts';

/** A stand-in for the server side of docs/visitor-protocol.md: records calls, lets the test push deliveries. */
function fakeServer(opts: { down?: boolean } = {}) {
  const calls: { method: string; path: string; body?: any }[] = [];
  const listeners = new Map<string, (e: any) => void>();
  const link: ServerLink = {
    call: async (method, path, body) => {
      calls.push({ method, path, body });
      if (opts.down) throw 0;
      return path === '/handoffs' ? { id: 'h1', status: 'waiting' } : null;
    },
    on: (key, fn) => (listeners.set(key, fn), () => listeners.delete(key)),
  };
  return { link, calls, listeners, deliver: (key: string, event: any) => listeners.get(key)!(event) };
}

const support = scenario(
  [
    { id: 'ask', type: 'message', text: 'Let me get a human.', next: 'h' },
    {
      id: 'h',
      type: 'handoff',
      queue: 'sales',
      text: 'Connecting you…',
      timeout: 'PT10M',
      next: 'after',
      onTimeout: 'alone',
    },
    { id: 'after', type: 'end', text: 'Outcome {{handoff.outcome}}, plan {{plan}}.' },
    { id: 'alone', type: 'end', text: 'Nobody came.' },
  ],
  { variables: { plan: '' } },
);

let clock: SimClock;
beforeEach(() => void (clock = simClock(Date.parse('2026-03-01T10:00:00Z'))));

describe('handoff in the runtime', () => {
  it('posts the transcript and variables, relays the manager both ways, asks for a rating, then continues with the outcome', async () => {
    const s = fakeServer();
    const started = clock.now();
    const b = drive(support, { link: s.link, clock });
    await vi.waitFor(() => expect(s.listeners.has('h:h1')).toBe(true));
    expect(s.calls[0]).toMatchObject({
      method: 'POST',
      path: '/handoffs',
      body: { handoffKey: 'h@1', queue: 'sales', timeoutAt: started + 600_000, variables: { plan: '' } },
    });
    expect(s.calls[0].body.transcript).toEqual([
      { from: 'bot', text: 'Let me get a human.' },
      { from: 'bot', text: 'Connecting you…' },
    ]);
    s.deliver('h:h1', { type: 'h:joined', name: 'Olena' });
    s.deliver('h:h1', { type: 'h:msg', text: 'Hi, how can I help?', name: 'Olena' });
    b.type('h', 'I need 40 seats');
    await vi.waitFor(() =>
      expect(s.calls.at(-1)).toEqual({
        method: 'POST',
        path: '/handoffs/h1/messages',
        body: { text: 'I need 40 seats' },
      }),
    );
    s.deliver('h:h1', { type: 'h:done', outcome: 'resolved', variables: { plan: 'business' } });
    expect(b.lines().slice(2)).toEqual([
      's: Olena joined the chat',
      'm: Hi, how can I help?',
      'u: I need 40 seats',
      'b: How would you rate the help you got?',
    ]);
    b.choose('h/rate', 4);
    expect(s.calls.at(-1)).toEqual({ method: 'POST', path: '/handoffs/h1/rating', body: { rating: 5 } });
    expect(b.lines().slice(-2)).toEqual(['u: 5 ★', 'b: Outcome resolved, plan business.']);
    expect(s.listeners.size).toBe(0);
  });

  it('goes to onTimeout when the server times the task out', async () => {
    const s = fakeServer();
    const b = drive(support, { link: s.link, clock });
    await vi.waitFor(() => expect(s.listeners.has('h:h1')).toBe(true));
    s.deliver('h:h1', { type: 'h:timeout' });
    expect(b.lines().slice(-2)).toEqual([
      'b: Our team could not join right now. Let me help you in the meantime.',
      'b: Nobody came.',
    ]);
    expect(b.vars().handoff).toEqual({ outcome: 'timeout' });
  });

  it('times out on its own when the server went away after accepting the task', async () => {
    const s = fakeServer();
    const b = drive(support, { link: s.link, clock });
    await vi.waitFor(() => expect(s.listeners.has('h:h1')).toBe(true));
    clock.advance(600_000 + 5_000 - 1);
    expect(b.status()).toBe('active');
    clock.advance(1);
    expect(b.lines().at(-1)).toBe('b: Nobody came.');
  });

  it('goes to onTimeout at once, politely, when the server cannot be reached', async () => {
    const s = fakeServer({ down: true });
    const b = drive(support, { link: s.link, clock });
    await waitFor(b.actor, (snap) => snap.status === 'done');
    expect(b.lines().slice(-2)).toEqual([
      'b: Our team could not join right now. Let me help you in the meantime.',
      'b: Nobody came.',
    ]);
  });
});

describe('long timers in the runtime', () => {
  const reminder = (extra = {}) =>
    scenario(
      [
        { id: 'w', type: 'wait', events: [{ event: 'booked', next: 'thanks' }], timeout: 'P3D', onTimeout: 'remind' },
        { id: 'thanks', type: 'end', text: 'See you!' },
        { id: 'remind', type: 'end', text: 'Still want that call?' },
      ],
      { settings: { longTimerThreshold: 'PT1M' }, ...extra },
    );

  it('registers a timer at or above the threshold with the server, and a server firing moves the conversation once', async () => {
    const s = fakeServer();
    const b = drive(reminder(), { link: s.link, clock });
    const due = clock.now() + 3 * 864e5;
    const id = 'w@' + due;
    expect(s.calls).toEqual([
      { method: 'PUT', path: '/timers/' + encodeURIComponent(id), body: { dueAt: due, event: { type: 't:w' } } },
    ]);
    s.deliver(id, { type: 't:w' });
    expect(b.lines()).toEqual(['b: Still want that call?']);
    // The in-browser timer was disarmed with the state: nothing happens twice at the due time.
    expect(clock.pending()).toEqual([]);
    clock.advance(3 * 864e5);
    expect(b.lines()).toEqual(['b: Still want that call?']);
  });

  it('cancels the server timer when another event wins first', async () => {
    const s = fakeServer();
    const b = drive(reminder(), { link: s.link, clock });
    b.event('booked');
    expect(b.lines()).toEqual(['b: See you!']);
    expect(s.calls.map((c) => c.method)).toEqual(['PUT', 'DELETE']);
    expect(s.listeners.size).toBe(0);
  });

  it('keeps a timer below the threshold in the browser, with no request at all', () => {
    const s = fakeServer();
    const b = drive(
      scenario([
        { id: 'd', type: 'delay', duration: 'PT30S', next: 'e' },
        { id: 'e', type: 'end', text: 'done' },
      ]),
      { link: s.link, clock },
    );
    clock.advance(29_999);
    expect(b.lines()).toEqual([]);
    clock.advance(1);
    expect(b.lines()).toEqual(['b: done']);
    expect(s.calls).toEqual([]);
  });
});
