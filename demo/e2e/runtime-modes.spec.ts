import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * The three widget modes of docs/scenario-format.md (`settings.mode`), as a visitor sees them on
 * a desktop screen, from the minified bundle the server publishes.
 */

/** Publishes short-chat.json in this mode and opens a page embedding it. */
async function openBotPage(
  page: Page,
  request: Parameters<typeof publishBot>[0],
  settings: Record<string, unknown>,
  body?: string,
) {
  const doc = scenario('short-chat');
  Object.assign(doc.settings, settings);
  const bot = await publishBot(request, doc, 'mode ' + settings.mode);
  await page.goto(await servePage(page, 'mode-' + settings.mode, landingHtml({ bots: [bot.id], body })));
  return new BotWidget(page, bot.id);
}

const box = async (el: { boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> }) => {
  const b = await el.boundingBox();
  expect(b).not.toBeNull();
  return b!;
};

/** Only the launcher shows, 20 px from the bottom-right corner of the viewport. */
async function expectClosedInCorner(page: Page, w: BotWidget) {
  const { width, height } = page.viewportSize()!;
  await expect(w.launcher).toBeVisible();
  await expect(w.transcript).toHaveCount(0);
  const l = await box(w.launcher);
  expect(width - (l.x + l.width)).toBeCloseTo(20, 0);
  expect(height - (l.y + l.height)).toBeCloseTo(20, 0);
}

test('a bubble bot shows only a round launcher in the bottom-right corner, and opens as a panel there', async ({
  page,
  request,
}) => {
  const w = await openBotPage(page, request, { mode: 'bubble' });
  const { width, height } = page.viewportSize()!;
  await expectClosedInCorner(page, w);

  await w.launcher.click();
  const dialog = w.root.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await w.expectMessage("What's your name?");
  const p = await box(dialog);
  // Anchored where the launcher was, leaving most of the page in view.
  expect(width - (p.x + p.width)).toBeCloseTo(20, 0);
  expect(height - (p.y + p.height)).toBeCloseTo(20, 0);
  expect(p.width).toBeLessThan(width / 2);

  await w.root.getByRole('button', { name: 'Close chat' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(w.launcher).toBeVisible();
});

test('an inline bot is drawn inside its target element, open from the start, with no launcher and no close button', async ({
  page,
  request,
}) => {
  const body = `<main><h1>Talk to us</h1><p>${'Some text about a product. '.repeat(40)}</p>
    <section id="chat" style="width:520px;margin:24px auto"></section><p style="height:1200px">The page goes on below the chat.</p></main>`;
  const w = await openBotPage(page, request, { mode: 'inline', target: '#chat' }, body);

  expect(await w.root.evaluate((el) => el.parentElement?.id)).toBe('chat');
  await expect(w.transcript).toBeVisible();
  await w.expectMessage("What's your name?");
  await expect(w.textbox).toBeVisible();
  await expect(w.launcher).toHaveCount(0);
  await expect(w.root.getByRole('button', { name: 'Close chat' })).toHaveCount(0);

  const target = await box(page.locator('#chat'));
  const p = await box(w.root.getByRole('dialog'));
  expect(p.x).toBeCloseTo(target.x, 0);
  expect(p.width).toBeCloseTo(target.width, 0);
  expect(p.y).toBeGreaterThanOrEqual(target.y - 1);
  // It is part of the page, so it scrolls away with it instead of floating over it.
  await page.mouse.wheel(0, 200);
  await expect.poll(async () => (await box(w.root.getByRole('dialog'))).y).toBeCloseTo(p.y - 200, 0);

  // Escape does not close an inline chat: there is nothing to go back to.
  await w.textbox.focus();
  await page.keyboard.press('Escape');
  await expect(w.transcript).toBeVisible();
  await w.answer('Dana');
  await w.expectMessage('Which plan, Dana?');
});

test('an inline bot whose target element is missing shows as a bubble instead, and reports widget.target_missing', async ({
  page,
  request,
}) => {
  const doc = scenario('short-chat');
  Object.assign(doc.settings, { mode: 'inline', target: '#nowhere' });
  const bot = await publishBot(request, doc, 'inline without target');
  await page.goto(await servePage(page, 'mode-inline-missing', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);

  // A launcher in the corner, closed, rather than a panel dropped at the end of the page.
  await expectClosedInCorner(page, w);
  await expect
    .poll(async () => (await recordedEvents(page)).error.map((e) => e.code))
    .toEqual(['widget.target_missing']);

  await w.open();
  await w.expectMessage("What's your name?");
  await page.keyboard.press('Escape');
  await expect(w.launcher).toBeVisible();
});

test('a popup bot shows a launcher, and opens as a window in the middle of the screen', async ({ page, request }) => {
  const w = await openBotPage(page, request, { mode: 'popup' });
  const { width, height } = page.viewportSize()!;
  await expect(w.launcher).toBeVisible();
  await expect(w.transcript).toHaveCount(0);

  await w.launcher.click();
  const dialog = w.root.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await w.expectMessage("What's your name?");
  const p = await box(dialog);
  expect(p.x + p.width / 2).toBeCloseTo(width / 2, 0);
  expect(p.y + p.height / 2).toBeCloseTo(height / 2, 0);
  expect(p.width).toBeLessThan(width);

  await w.answer('Dana');
  await w.choose('Team');
  await w.expectMessage('Thanks, Dana! The team plan it is.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(w.launcher).toBeVisible();
});
