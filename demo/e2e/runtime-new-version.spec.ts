import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, publishVersion, scenario, type PublishedBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/** Reloads and returns the ETag of the bundle the page got: the published version's hash. */
async function reloadAndGetBundle(page: Page, bot: PublishedBot): Promise<string | undefined> {
  const bundle = page.waitForResponse((r) => new URL(r.url()).pathname === bot.script);
  await page.reload();
  return (await bundle).headers()['etag'];
}

/** A v1 conversation left at the colour question. */
async function talkToVersion1(page: Page, request: Parameters<typeof publishBot>[0], name: string) {
  const bot = await publishBot(request, scenario('versioned'), name);
  await page.goto(await servePage(page, name, landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await expect(w.option('Red')).toBeVisible();
  return { bot, w };
}

test('a new version that removes the node the visitor is on starts the conversation over, saying so politely', async ({
  page,
  request,
}) => {
  const { bot, w } = await talkToVersion1(page, request, 'version-removed');
  const v2 = scenario('versioned');
  v2.nodes = v2.nodes.filter((n: any) => n.id !== 'ask_colour');
  v2.nodes.find((n: any) => n.id === 'ask_name').next = 'ask_city';
  v2.nodes.find((n: any) => n.id === 'hello').text = 'Hello from version 2.';
  const published = await publishVersion(request, bot.id, v2);
  expect(published.version).toBe(2);

  expect(await reloadAndGetBundle(page, bot)).toContain(published.hash);
  await w.open();
  await w.expectMessage("What's your name?");
  expect(await w.transcriptTexts()).toEqual([
    'This chat was updated, so we are starting over.',
    'Hello from version 2.',
    "What's your name?",
  ]);
  await expect(w.option('Red')).toHaveCount(0);
  expect(await page.evaluate((id) => (window as any).Chatlet.bots[id].variables(), bot.id)).toEqual({});
  await w.answer('Dana');
  await w.answer('Kyiv');
  await w.expectMessage('Version 1 says bye to Dana from Kyiv.');
  expect((await recordedEvents(page)).error).toEqual([]);
});

test('a new version that keeps the node the visitor is on resumes the conversation there, and goes on with the new version', async ({
  page,
  request,
}) => {
  const { bot, w } = await talkToVersion1(page, request, 'version-kept');
  const before = await w.transcriptTexts();
  const v2 = scenario('versioned');
  v2.nodes.find((n: any) => n.id === 'hello').text = 'Hello from version 2.';
  v2.nodes.find((n: any) => n.id === 'bye').text = 'Version 2 says bye to {{name}} from {{city}}.';
  const published = await publishVersion(request, bot.id, v2);

  expect(await reloadAndGetBundle(page, bot)).toContain(published.hash);
  await w.open();
  await expect(w.option('Red')).toBeVisible();
  // What was said stays as it was said.
  expect(await w.transcriptTexts()).toEqual(before);
  await w.choose('Blue');
  await w.answer('Lviv');
  await w.expectMessage('Version 2 says bye to Dana from Lviv.');
  expect(await page.evaluate((id) => (window as any).Chatlet.bots[id].variables(), bot.id)).toEqual({
    name: 'Dana',
    colour: 'blue',
    city: 'Lviv',
  });
});
