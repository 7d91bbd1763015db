import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { testEndpoint } from './support/endpoint.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

// The browser's fetch itself fails here (a refused connection), not the endpoint's status.

test('an http node whose requests fail at the network level retries them and the conversation carries on', async ({
  page,
  request,
  guard,
}) => {
  // The made-up order API refuses the first two connections on purpose.
  guard.allow(/^requestfailed \S+\/t\/api\/orders POST net::ERR_CONNECTION_REFUSED$/);
  const bot = await publishBot(request, scenario('http-retry'), 'offline-twice');
  const api = await testEndpoint(page, (_call, nth) =>
    nth <= 2 ? 'refuse' : { status: 200, body: { data: { status: 'on its way' } } },
  );
  const pageErrors: Error[] = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  await page.goto(await servePage(page, 'offline-twice', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage('Your order is on its way.');
  expect(api.calls).toHaveLength(3);
  expect(new Set(api.calls.map((c) => c.key)).size).toBe(1);
  // Backoff 0.5 s then 1 s, as for an answered failure.
  expect(api.calls[1].at - api.calls[0].at).toBeGreaterThanOrEqual(500);
  expect(api.calls[2].at - api.calls[1].at).toBeGreaterThanOrEqual(1_000);
  expect((await recordedEvents(page)).error).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('an http node that cannot reach its endpoint at all follows onError, reports http.failed, and throws nothing into the page', async ({
  page,
  request,
  guard,
}) => {
  // The made-up order API refuses every connection on purpose.
  guard.allow(/^requestfailed \S+\/t\/api\/orders POST net::ERR_CONNECTION_REFUSED$/);
  const doc = scenario('http-retry');
  doc.nodes.find((n: any) => n.id === 'lookup').retry = { max: 1, backoff: 'PT0.1S' };
  const bot = await publishBot(request, doc, 'offline');
  const api = await testEndpoint(page, () => 'refuse');
  const pageErrors: Error[] = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  await page.goto(await servePage(page, 'offline', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage('The order service is down.');
  await w.expectMessage('Anything else? Just reload.');
  expect(api.calls).toHaveLength(2);
  const events = await recordedEvents(page);
  expect(events.error).toEqual([expect.objectContaining({ code: 'http.failed', node: 'lookup' })]);
  expect(pageErrors).toEqual([]);
});
