import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget, savedRecord } from './support/bot-widget.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * Each `settings.startOn` trigger of docs/scenario-format.md starts the conversation when its
 * condition happens, and not before: checked on the minified bundle in a real browser.
 */

/** Publishes triggers.json with this start trigger and opens a page embedding it. */
async function openBotPage(page: Page, request: Parameters<typeof publishBot>[0], startOn: unknown, body?: string) {
  const doc = scenario('triggers');
  doc.settings.startOn = startOn;
  const bot = await publishBot(request, doc, 'trigger ' + JSON.stringify(startOn));
  const name = 'trigger-' + (startOn as { type: string }).type;
  await page.goto(await servePage(page, name, landingHtml({ bots: [bot.id], head: EVENT_RECORDER, body })));
  const w = new BotWidget(page, bot.id);
  // The bot has loaded, and armed its trigger (it does so at once, before any storage), once it answers with its variables.
  await expect
    .poll(() => page.evaluate((id) => (window as any).Chatlet.bots[id].variables().source, bot.id))
    .toBe('landing');
  return w;
}

/** Nothing has started: no message was sent, nothing was saved, and the chat is closed. */
async function expectNotStarted(page: Page, w: BotWidget) {
  expect((await recordedEvents(page)).message).toEqual([]);
  expect(await savedRecord(page, w.id)).toBeUndefined();
  await expect(w.transcript).toHaveCount(0);
  await expect(w.launcher).toBeVisible();
}

/** The conversation has started by itself: the chat is open and the bot has spoken. */
async function expectStarted(page: Page, w: BotWidget) {
  await expect(w.transcript).toBeVisible();
  await w.expectMessage('Hi there!');
  await expect(w.option('Basic')).toBeVisible();
  expect((await recordedEvents(page)).message[0]).toEqual({ from: 'bot', text: 'Hi there!' });
}

test('with startOn open, nothing starts until the visitor opens the chat, then the bot speaks', async ({
  page,
  request,
}) => {
  const w = await openBotPage(page, request, { type: 'open' });
  await page.waitForTimeout(500);
  await expectNotStarted(page, w);
  await w.launcher.click();
  await expectStarted(page, w);
});

test('with startOn load, the chat opens and the bot speaks as soon as the page has loaded, without a click', async ({
  page,
  request,
}) => {
  const w = await openBotPage(page, request, { type: 'load' });
  await expectStarted(page, w);
});

test('with startOn delay, the chat opens once the delay has passed and not a moment before', async ({
  page,
  request,
}) => {
  await page.clock.install();
  const w = await openBotPage(page, request, { type: 'delay', after: 'PT30S' });
  await page.clock.fastForward('00:25');
  await expectNotStarted(page, w);
  await page.clock.fastForward('00:06');
  await expectStarted(page, w);
});

test('with startOn scroll, the chat opens once the visitor has scrolled past the percentage, not while above it', async ({
  page,
  request,
}) => {
  // A page five screens tall: the top screen is 20% of it, and half-way needs a real scroll.
  const body = '<main style="height:3600px"><h1>A long landing page</h1></main>';
  const w = await openBotPage(page, request, { type: 'scroll', percent: 50 }, body);
  const seen = () =>
    page.evaluate(() => Math.round(((scrollY + innerHeight) / document.documentElement.scrollHeight) * 100));

  await page.mouse.move(400, 300);
  await page.mouse.wheel(0, 600);
  await expect.poll(seen).toBeGreaterThan(30);
  expect(await seen()).toBeLessThan(50);
  await page.waitForTimeout(300);
  await expectNotStarted(page, w);

  await page.mouse.wheel(0, 1200);
  await expect.poll(seen).toBeGreaterThanOrEqual(50);
  await expectStarted(page, w);
});

test('with startOn exit, leaving the window through the top opens the chat; leaving through the bottom does not', async ({
  page,
  request,
}) => {
  const w = await openBotPage(page, request, { type: 'exit' });
  const { height } = page.viewportSize()!;
  await page.mouse.move(400, 300);
  await page.mouse.move(400, height + 20, { steps: 4 });
  await page.mouse.move(400, 300, { steps: 4 });
  await page.waitForTimeout(300);
  await expectNotStarted(page, w);

  // Towards the tabs and the address bar: the visitor is about to leave.
  await page.mouse.move(400, -10, { steps: 4 });
  await expectStarted(page, w);
});

test('with startOn event, the chat opens when the page sends that event through the JS API, and not for another event', async ({
  page,
  request,
}) => {
  const w = await openBotPage(page, request, { type: 'event', name: 'help-clicked' });
  await page.evaluate((id) => (window as any).Chatlet.bots[id].send('pricing-viewed'), w.id);
  await page.waitForTimeout(300);
  await expectNotStarted(page, w);

  await page.evaluate((id) => (window as any).Chatlet.bots[id].send('help-clicked'), w.id);
  await expectStarted(page, w);
});

test('whatever the trigger, the visitor can start the conversation early by opening the chat', async ({
  page,
  request,
}) => {
  const w = await openBotPage(page, request, { type: 'delay', after: 'PT1H' });
  await w.launcher.click();
  await expectStarted(page, w);
});
