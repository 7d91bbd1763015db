import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget, savedRecord } from './support/bot-widget.ts';
import { testEndpoint } from './support/endpoint.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

const pageNow = (page: Page) => page.evaluate(() => Date.now());

test('a 30 second delay interrupted by a reload at 20 seconds fires about 10 seconds later', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('delay-30s'), 'delay');
  const path = await servePage(page, 'delay', landingHtml({ bots: [bot.id] }));
  const w = new BotWidget(page, bot.id);
  const over = w.messages.filter({ hasText: 'The pause is over.' });

  await page.clock.install();
  await page.goto(path);
  await w.open();
  await w.expectMessage('Back in 30 seconds.');
  const entered = await pageNow(page);

  await page.clock.runFor(20_000);
  await expect(over).toHaveCount(0);
  await page.reload();
  await w.open();
  const reloadedAt = await pageNow(page);
  // Playwright's clock carries on across the reload; a reset clock would make this test meaningless.
  expect(reloadedAt - entered).toBeGreaterThanOrEqual(20_000);
  await expect(w.messages.filter({ hasText: 'Back in 30 seconds.' })).toHaveCount(1);

  // Step the clock half a second at a time and note when the delay fires.
  let firedAfter = -1;
  for (let step = 0; step < 60 && firedAfter < 0; step++) {
    await page.clock.runFor(500);
    if ((await over.count()) > 0) firedAfter = (await pageNow(page)) - reloadedAt;
  }
  // Not at once (a lost due time), not 30 s later (a re-armed full delay): the remaining ~10 s.
  expect(firedAfter).toBeGreaterThan(8_000);
  expect(firedAfter).toBeLessThanOrEqual(10_500);
  await w.expectMessage('Bye!');
  await expect(over).toHaveCount(1);
});

test('an http node whose endpoint fails twice and then succeeds is called three times, backing off, with one idempotency key', async ({
  page,
  request,
  guard,
}) => {
  // The made-up order API answers 503 twice on purpose.
  guard.allow(/^response \S+\/t\/api\/orders POST 503$/);
  const bot = await publishBot(request, scenario('http-retry'), 'flaky');
  const api = await testEndpoint(page, (_call, nth) =>
    nth <= 2 ? { status: 503, body: { error: 'busy' } } : { status: 200, body: { data: { status: 'shipped' } } },
  );
  await page.goto(await servePage(page, 'flaky', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage('Your order is shipped.');
  await w.expectMessage('Anything else?');

  expect(api.calls).toHaveLength(3);
  // backoff 0.5 s, factor 2: at least 0.5 s and then 1 s between attempts, and not wildly more.
  const gaps = [api.calls[1].at - api.calls[0].at, api.calls[2].at - api.calls[1].at];
  expect(gaps[0]).toBeGreaterThanOrEqual(500);
  expect(gaps[1]).toBeGreaterThanOrEqual(1_000);
  expect(gaps[0]).toBeLessThan(1_000);
  expect(gaps[1]).toBeLessThan(2_000);
  const keys = new Set(api.calls.map((c) => c.key));
  expect(keys.size).toBe(1);
  const [key] = keys;
  // <visitor>:<bot>:<node>:<visit>
  expect(key).toMatch(new RegExp(`^[0-9a-f]{24}:${bot.id}:lookup:\\d+$`));
  for (const c of api.calls) expect(JSON.parse(c.body!)).toEqual({ order: 'A-1042' });
  const events = await recordedEvents(page);
  expect(events.error).toEqual([]);
  await expect(w.messages.filter({ hasText: 'The order service is down.' })).toHaveCount(0);
});

test('an http call interrupted by a reload is made again with the same idempotency key, and answered once in the transcript', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('http-retry'), 'interrupted');
  // The first call never gets an answer: the visitor reloads while it is in flight.
  const api = await testEndpoint(page, (_call, nth) =>
    nth === 1 ? 'hold' : { status: 200, body: { data: { status: 'packed' } } },
  );
  await page.goto(await servePage(page, 'interrupted', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage('Checking your order…');
  await expect.poll(() => api.calls.length).toBe(1);
  // The step that started the call is stored before the page goes away.
  await expect
    .poll(async () => JSON.stringify((await savedRecord(page, bot.id))?.s?.value ?? null))
    .toContain('lookup');

  await page.reload();
  await w.open();
  await w.expectMessage('Your order is packed.');
  expect(api.calls).toHaveLength(2);
  expect(api.calls[1].key).toBeDefined();
  expect(api.calls[1].key).toBe(api.calls[0].key);
  expect(await w.transcriptTexts()).toEqual([
    'Checking your order…',
    'Your order is packed.',
    'Anything else? Just reload.',
  ]);
});

test('an http node whose endpoint keeps failing is an incident: it follows onError and reports http.failed', async ({
  page,
  request,
  guard,
}) => {
  // The made-up order API answers 500 every time on purpose.
  guard.allow(/^response \S+\/t\/api\/orders POST 500$/);
  const doc = scenario('http-retry');
  doc.nodes.find((n: any) => n.id === 'lookup').retry = { max: 1, backoff: 'PT0.2S' };
  const bot = await publishBot(request, doc, 'down');
  const api = await testEndpoint(page, () => ({ status: 500 }));
  await page.goto(await servePage(page, 'down', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage('The order service is down.');
  expect(api.calls).toHaveLength(2);
  const events = await recordedEvents(page);
  expect(events.error).toEqual([expect.objectContaining({ code: 'http.failed', node: 'lookup' })]);
});
