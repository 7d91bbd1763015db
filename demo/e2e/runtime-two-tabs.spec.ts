import type { BrowserContext } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario, type PublishedBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { testEndpoint, type Endpoint } from './support/endpoint.ts';
import { landingHtml, servePage } from './support/pages.ts';

// Two pages, a leader hand-over and a server under other specs' load: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const FULL = [
  'Hello from the bot.',
  "What's your name?",
  'Dana',
  'Registered visit V-1 for Dana.',
  'Pick a colour.',
  'Blue',
  'You picked blue.',
  'Anything else?',
  'Call me on Friday',
  'Noted: Call me on Friday. Bye, Dana!',
];

/**
 * The visitor switches to a tab before acting in it, as a person would. A tab in the background
 * may get no animation frames, and Playwright waits for frames before it clicks.
 */
async function inTab(w: BotWidget): Promise<BotWidget> {
  await w.page.bringToFront();
  return w;
}

/** The same landing page in two tabs of one browser; the first to load leads. */
async function twoTabs(
  context: BrowserContext,
  bot: PublishedBot,
): Promise<{ a: BotWidget; b: BotWidget; api: Endpoint }> {
  const api = await testEndpoint(context, () => ({ status: 200, body: { data: { id: 'V-1' } } }));
  const path = await servePage(context, 'two-tabs', landingHtml({ bots: [bot.id] }));
  const pageA = await context.newPage();
  await pageA.goto(path);
  const a = new BotWidget(pageA, bot.id);
  await expect(a.launcher).toBeVisible();
  const pageB = await context.newPage();
  await pageB.goto(path);
  const b = new BotWidget(pageB, bot.id);
  await expect(b.launcher).toBeVisible();
  return { a, b, api };
}

test('a conversation driven from either of two tabs shows each bot message exactly once in both, and its http call runs once', async ({
  context,
  request,
}) => {
  const bot = await publishBot(request, scenario('two-tabs'), 'two tabs');
  const { a, b, api } = await twoTabs(context, bot);

  // The follower opens the chat: the conversation starts in the leader and shows in both.
  await (await inTab(b)).open();
  await b.expectMessage("What's your name?");
  await (await inTab(a)).open();
  await a.expectMessage("What's your name?");

  await (await inTab(b)).answer('Dana');
  for (const w of [a, b]) await w.expectMessage('Registered visit V-1 for Dana.');
  await (await inTab(a)).choose('Blue');
  for (const w of [a, b]) await w.expectMessage('You picked blue.');
  await expect(b.textbox).toBeVisible();
  await (await inTab(b)).answer('Call me on Friday');
  for (const w of [a, b]) await w.expectMessage('Bye, Dana!');

  for (const w of [a, b]) {
    await expect(w.messages).toHaveCount(FULL.length);
    expect(await w.transcriptTexts()).toEqual(FULL);
  }
  expect(api.to('visits')).toHaveLength(1);
  expect(JSON.parse(api.calls[0].body!)).toEqual({ name: 'Dana' });
  // Both tabs see the same variables.
  for (const w of [a, b]) {
    expect(await w.page.evaluate((id) => (window as any).Chatlet.bots[id].variables(), bot.id)).toMatchObject({
      name: 'Dana',
      colour: 'blue',
      note: 'Call me on Friday',
    });
  }
});

test('closing the leading tab lets the other tab carry the conversation on, without repeating anything', async ({
  context,
  request,
}) => {
  const bot = await publishBot(request, scenario('two-tabs'), 'leader closes');
  const { a, b, api } = await twoTabs(context, bot);

  await (await inTab(a)).open();
  await (await inTab(a)).answer('Dana');
  await a.expectMessage('Pick a colour.');
  await (await inTab(b)).open();
  await b.expectMessage('Pick a colour.');
  await a.page.close();

  await (await inTab(b)).choose('Blue');
  await b.expectMessage('You picked blue.');
  await (await inTab(b)).answer('Call me on Friday');
  await b.expectMessage('Bye, Dana!');
  expect(await b.transcriptTexts()).toEqual(FULL);
  expect(api.to('visits')).toHaveLength(1);

  // What the new leader saved is the whole conversation: a fresh tab shows it all.
  const pageC = await context.newPage();
  await pageC.goto('/t/two-tabs.html');
  const c = new BotWidget(pageC, bot.id);
  await c.open();
  await expect(c.messages).toHaveCount(FULL.length);
  expect(await c.transcriptTexts()).toEqual(FULL);
});
