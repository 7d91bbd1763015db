import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scenario } from './test/drive.ts';
import { fakePage, fakeServer, flush, openBot, SERVER } from './test/results-page.ts';

/**
 * Results reporting (runtime/results.ts) through the real host: what an opted-in bot sends, when,
 * and what it never sends. The network is scripted, the page is a stand-in whose close and hide the
 * tests fire, and storage is shared between "page views" to play a reload or a second tab.
 */
const lead = (extra: Record<string, unknown> = {}) =>
  scenario(
    [
      { id: 'hello', type: 'message', text: 'Hi!', next: 'ask_name' },
      { id: 'ask_name', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'note' },
      { id: 'note', type: 'set', assign: { secret: '"s3cret-" + name' }, next: 'plan' },
      {
        id: 'plan',
        type: 'choice',
        prompt: 'Which plan?',
        var: 'plan',
        options: [
          { label: 'Pro', value: 'pro', next: 'done' },
          { label: 'Let me retype my name', value: 'again', next: 'ask_name' },
        ],
      },
      { id: 'done', type: 'end', text: 'Thanks, {{name}}!' },
    ],
    { settings: { results: { collect: ['name', 'plan'], ...extra } } },
  );

let page: ReturnType<typeof fakePage>;
beforeEach(() => {
  page = fakePage();
});
afterEach(() => vi.unstubAllGlobals());

describe('results reporting', () => {
  it('reports a completed conversation once, with the nodes it passed in order and only the declared variables', async () => {
    const s = fakeServer();
    const { host } = await openBot(lead(), { net: s.net });
    host.start();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana' });
    host.send({ type: 'c:plan', i: [0] });
    await flush();
    const [r, ...more] = s.reports();
    expect(more).toEqual([]);
    expect(r).toMatchObject({
      scenario: 'test',
      path: ['hello', 'ask_name', 'note', 'plan', 'done'],
      completed: true,
      handoff: false,
      variables: { name: 'Dana', plan: 'pro' },
    });
    expect(r.id).toMatch(/^[0-9a-f]{24}$/);
    const post = s.calls.find((c) => c.url.includes('/results'))!;
    expect(post.url).toBe(SERVER + '/api/v1/visitor/results?token=tok-1');
    // A string body with no Content-Type of its own: the browser sends it as text/plain, so no CORS preflight.
    expect([typeof post.body, post.type, post.keepalive]).toEqual(['string', undefined, true]);
    // The variable the scenario set but did not declare is in no request at all.
    expect(s.calls.some((c) => (c.body || '').includes('s3cret'))).toBe(false);
  });

  it('moves a node reached again to the end of the path, and numbers a later report higher', async () => {
    const s = fakeServer();
    const { host } = await openBot(lead(), { net: s.net });
    host.start();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana' });
    host.send({ type: 'c:plan', i: [1] });
    await flush();
    page.hide();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana B.' });
    host.send({ type: 'c:plan', i: [0] });
    await flush();
    const [hidden, done] = s.reports();
    expect(hidden).toMatchObject({ completed: false, path: ['hello', 'note', 'plan', 'ask_name'] });
    expect(done).toMatchObject({ id: hidden.id, completed: true, variables: { name: 'Dana B.' } });
    expect(done.seq).toBeGreaterThan(hidden.seq);
    expect(done.path).toEqual(['hello', 'ask_name', 'note', 'plan', 'done']);
  });

  it('reports when the page is closed mid-way, with the node the visitor left at last, and not again when nothing changed', async () => {
    const s = fakeServer();
    const { host } = await openBot(lead(), { net: s.net });
    host.start();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana' });
    await flush();
    page.hide();
    page.close();
    await flush();
    expect(s.reports()).toEqual([
      expect.objectContaining({
        completed: false,
        path: ['hello', 'ask_name', 'note', 'plan'],
        variables: { name: 'Dana' },
      }),
    ]);
  });

  it('reports a handoff as soon as the bot hands the visitor to a person', async () => {
    vi.stubGlobal(
      'EventSource',
      class {
        addEventListener() {}
        close() {}
      },
    );
    const s = fakeServer();
    const doc = scenario(
      [
        { id: 'ask_name', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'human' },
        { id: 'human', type: 'handoff', text: 'A person will answer.', timeout: 'PT5M', next: 'bye', onTimeout: 'bye' },
        { id: 'bye', type: 'end' },
      ],
      { settings: { results: { collect: ['name'] } } },
    );
    const { host } = await openBot(doc, { net: s.net });
    host.start();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana' });
    await flush();
    expect(s.reports()).toEqual([
      expect.objectContaining({
        handoff: true,
        completed: false,
        path: ['ask_name', 'human'],
        variables: { name: 'Dana' },
      }),
    ]);
  });

  it('keeps a report the server did not take and sends it on the next visit, under the same result id', async () => {
    const down = fakeServer(() => 0);
    const first = await openBot(lead(), { net: down.net });
    first.host.start();
    await flush();
    first.host.send({ type: 'x:ask_name', x: 'Dana' });
    first.host.send({ type: 'c:plan', i: [0] });
    await flush();
    expect(down.reports()).toHaveLength(1);
    const up = fakeServer();
    await openBot(lead(), { net: up.net, st: first.st });
    await flush();
    const [again] = up.reports();
    expect(again).toMatchObject({ id: down.reports()[0].id, completed: true, seq: down.reports()[0].seq });
    // Taken: a third visit has nothing left to send.
    const third = fakeServer();
    await openBot(lead(), { net: third.net, st: first.st });
    await flush();
    expect(third.reports()).toEqual([]);
  });

  it('continues the same result after a reload instead of starting a second one', async () => {
    const s = fakeServer();
    const first = await openBot(lead(), { net: s.net });
    first.host.start();
    await flush();
    first.host.send({ type: 'x:ask_name', x: 'Dana' });
    await flush();
    page.close();
    await flush();
    const reload = await openBot(lead(), { net: s.net, st: first.st });
    reload.host.send({ type: 'c:plan', i: [0] });
    await flush();
    const [closed, completed] = s.reports();
    expect(completed).toMatchObject({ id: closed.id, completed: true });
    expect(completed.seq).toBeGreaterThan(closed.seq);
    expect(completed.path).toEqual(['hello', 'ask_name', 'note', 'plan', 'done']);
    expect(new Set(s.reports().map((r) => r.id)).size).toBe(1);
  });

  it('reports from the tab that runs the conversation only: two open tabs send one report on close', async () => {
    const s = fakeServer();
    const leader = await openBot(lead(), { net: s.net });
    leader.host.start();
    await flush();
    leader.host.send({ type: 'x:ask_name', x: 'Dana' });
    await flush();
    const follower = await openBot(lead(), { net: s.net, st: leader.st, tabs: { leads: false, postMessage: () => 0 } });
    expect(follower.host.view().started).toBe(true);
    page.close();
    await flush();
    expect(s.reports()).toHaveLength(1);
  });
});

describe('results consent', () => {
  const withConsent = scenario(
    [
      { id: 'ask_name', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'agree' },
      {
        id: 'agree',
        type: 'choice',
        prompt: 'May we keep your answers?',
        var: 'ok',
        options: [
          { label: 'Yes', value: 'yes', next: 'done' },
          { label: 'No', value: 'no', next: 'done' },
        ],
      },
      { id: 'done', type: 'end' },
    ],
    { settings: { results: { collect: ['name'], consent: { variable: 'ok', accept: 'yes' } } } },
  );

  it('holds every report, and asks the server for nothing, until the visitor agrees in the conversation', async () => {
    const s = fakeServer();
    const { host } = await openBot(withConsent, { net: s.net });
    host.start();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana' });
    page.hide();
    page.close();
    await flush();
    expect(s.calls).toEqual([]);
    host.send({ type: 'c:agree', i: [0] });
    await flush();
    expect(s.reports()).toEqual([expect.objectContaining({ completed: true, variables: { name: 'Dana' } })]);
  });

  it('never reports a visitor who declines, and drops what was held', async () => {
    const s = fakeServer();
    const first = await openBot(withConsent, { net: s.net });
    first.host.start();
    await flush();
    first.host.send({ type: 'x:ask_name', x: 'Dana' });
    page.close();
    first.host.send({ type: 'c:agree', i: [1] });
    await flush();
    page.close();
    await openBot(withConsent, { net: s.net, st: first.st });
    await flush();
    expect(s.calls).toEqual([]);
  });

  it('keeps a yes given in the conversation for the page views after it: a reload reports without asking again', async () => {
    const s = fakeServer();
    const first = await openBot(withConsent, { net: s.net });
    first.host.start();
    await flush();
    first.host.send({ type: 'x:ask_name', x: 'Dana' });
    first.host.send({ type: 'c:agree', i: [0] });
    await flush();
    expect(s.reports()).toHaveLength(1);
    // A new conversation after a reload: nothing asks for consent before its first report.
    const reload = await openBot(withConsent, { net: s.net, st: first.st });
    reload.host.reset();
    await flush();
    reload.host.send({ type: 'x:ask_name', x: 'Eve' });
    page.close();
    await flush();
    expect(s.reports().at(-1)).toMatchObject({ completed: false, variables: { name: 'Eve' } });
  });

  it('takes the answer from the page: Chatlet.consent(true) releases the held report, consent(false) stops the next', async () => {
    const s = fakeServer();
    const { host } = await openBot(withConsent, { net: s.net });
    host.start();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana' });
    page.close();
    await flush();
    expect(s.calls).toEqual([]);
    host.rs!.k(true);
    await flush();
    expect(s.reports()).toEqual([expect.objectContaining({ variables: { name: 'Dana' } })]);
    host.rs!.k(false);
    host.send({ type: 'c:agree', i: [1] });
    page.close();
    await flush();
    expect(s.reports()).toHaveLength(1);
  });
});

describe('Chatlet.forget()', () => {
  it("erases the visitor's results on the server with their token, then clears the conversation, outbox, token and visitor id", async () => {
    const s = fakeServer(() => 0);
    const { host, st } = await openBot(lead(), { net: s.net });
    host.start();
    await flush();
    host.send({ type: 'x:ask_name', x: 'Dana' });
    page.close();
    await flush();
    expect(await st.get('r:test-bot')).toMatchObject({ o: expect.any(String) });
    host.reset(2);
    await flush();
    expect(s.calls.at(-1)).toMatchObject({ method: 'DELETE', url: SERVER + '/api/v1/visitor/results?token=tok-1' });
    expect(host.view().started).toBe(false);
    for (const k of ['b:test-bot', 'r:test-bot', 't:test-bot', 'vid']) expect(await st.get(k)).toBeFalsy();
    // Nothing left to send on the next visit.
    const next = fakeServer();
    await openBot(lead(), { net: next.net, st });
    await flush();
    expect(next.calls).toEqual([]);
  });
});

describe('page context', () => {
  it('fills page.url, page.referrer and page.utm from the landing page, and reports the declared ones under their dotted names', async () => {
    fakePage('https://landing.example/offer?utm_source=newsletter&utm_campaign=spring', 'https://search.example/');
    const s = fakeServer();
    const doc = scenario(
      [
        { id: 'hi', type: 'message', text: 'From {{page.utm.source}} via {{page.referrer}}', next: 'done' },
        { id: 'done', type: 'end' },
      ],
      { settings: { results: { collect: ['page.utm.source', 'page.utm.medium'] } } },
    );
    const { host } = await openBot(doc, { net: s.net, page: true });
    host.start();
    await flush();
    expect(host.variables().page).toEqual({
      url: 'https://landing.example/offer?utm_source=newsletter&utm_campaign=spring',
      referrer: 'https://search.example/',
      utm: { source: 'newsletter', medium: '', campaign: 'spring', term: '', content: '' },
    });
    expect(host.view().t[0].x).toBe('From newsletter via https://search.example/');
    expect(s.reports()[0].variables).toEqual({ 'page.utm.source': 'newsletter', 'page.utm.medium': '' });
  });
});
