import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

const AMBER = 'rgb(180, 83, 9)'; // the scenario's accent, #b45309

test("the theme's accent and title reach the launcher, the chat's header and the visitor's answers", async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('look'), 'look');
  await page.goto(await servePage(page, 'look', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  const background = (el: Element) => getComputedStyle(el).backgroundColor;
  await expect(w.launcher).toBeVisible();
  expect(await w.launcher.evaluate(background)).toBe(AMBER);
  await w.open();
  await expect(w.root.getByRole('dialog', { name: 'Mia from Northwind' })).toBeVisible();
  expect(await w.root.locator('header').evaluate(background)).toBe(AMBER);
  await w.answer('Ann');
  expect(await w.messages.filter({ hasText: /^Ann$/ }).evaluate(background)).toBe(AMBER);
});

test('with a typing delay, the typing indicator shows first and each bot message appears only after the delay', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('look'), 'typing');
  // The page's time moves only when the test says so.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.goto(await servePage(page, 'typing', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  const typing = w.root.locator('.ty');
  await w.open();
  await expect(typing).toBeVisible();
  await expect(w.messages).toHaveCount(0);

  await page.clock.runFor(1_900);
  await expect(w.messages).toHaveCount(0);
  await page.clock.runFor(200);
  await expect(w.messages).toHaveText(['Hello there.']);
  // The next bot message waits its own 2 s.
  await expect(typing).toBeVisible();
  await page.clock.runFor(2_100);
  await expect(w.messages).toHaveText(['Hello there.', 'What is your name?']);
  await expect(typing).toHaveCount(0);

  // The visitor's answer shows at once; the bot's reply types first.
  await w.answer('Ann');
  await expect(w.messages).toHaveText(['Hello there.', 'What is your name?', 'Ann']);
  await expect(typing).toBeVisible();
  await page.clock.runFor(2_100);
  await expect(w.messages.last()).toHaveText('Nice to meet you, Ann.');
});
