import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/**
 * The widget on small and large screens: usable from 320 px wide, and full screen on small
 * phones (at most 480 px wide, runtime/widget/styles.ts), as docs/scenario-format.md says.
 */

type Mode = 'bubble' | 'popup' | 'inline';

/** Publishes short-chat.json in this mode and opens a page embedding it at this screen size. */
async function openBotPage(
  page: Page,
  request: Parameters<typeof publishBot>[0],
  mode: Mode,
  size: { width: number; height: number },
) {
  await page.setViewportSize(size);
  const doc = scenario('short-chat');
  Object.assign(doc.settings, mode === 'inline' ? { mode, target: '#chat' } : { mode });
  const bot = await publishBot(request, doc, `${mode} ${size.width}`);
  const body = `<main><h1>A landing page</h1><p>Some text about a product.</p><div id="chat"></div></main>`;
  await page.goto(await servePage(page, `${mode}-${size.width}`, landingHtml({ bots: [bot.id], body })));
  return new BotWidget(page, bot.id);
}

async function box(el: Locator) {
  const b = await el.boundingBox();
  expect(b, 'the element is drawn').not.toBeNull();
  return b!;
}

/** The page does not scroll sideways, and each of these is wholly on screen. */
async function expectOnScreen(page: Page, els: Locator[]) {
  const { width, height } = page.viewportSize()!;
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  for (const el of els) {
    await expect(el).toBeVisible();
    const b = await box(el);
    expect(b.x, `${el} starts inside the screen`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${el} ends inside the screen`).toBeLessThanOrEqual(width + 0.5);
    // Inline chats sit in the page: on screen means inside the screen once scrolled to.
    if ((await el.evaluate((e) => getComputedStyle((e.getRootNode() as ShadowRoot).host).position)) === 'static')
      continue;
    expect(b.y, `${el} is below the top`).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, `${el} is above the bottom`).toBeLessThanOrEqual(height + 0.5);
  }
}

for (const mode of ['bubble', 'popup', 'inline'] as const) {
  for (const size of [
    { width: 320, height: 568 },
    { width: 375, height: 667 },
    { width: 768, height: 1024 },
  ]) {
    test(`${mode === 'inline' ? 'an' : 'a'} ${mode} chat on a ${size.width}×${size.height} screen can be read and answered without scrolling sideways`, async ({
      page,
      request,
    }) => {
      const w = await openBotPage(page, request, mode, size);
      if (mode !== 'inline') {
        await expectOnScreen(page, [w.launcher]);
        await w.launcher.click();
      }
      await w.expectMessage("What's your name?");
      const close = w.root.getByRole('button', { name: 'Close chat' });
      await expectOnScreen(page, [w.textbox, w.sendButton, ...(mode === 'inline' ? [] : [close])]);
      await w.answer('Dana with a rather long name that keeps going');
      await w.expectMessage('Which plan, Dana with a rather long name that keeps going?');
      await expectOnScreen(page, [w.option('Basic'), w.option('Team'), w.messages.last()]);
      await w.choose('Team');
      await w.expectMessage(/The team plan it is/);
      await expectOnScreen(page, [w.messages.last()]);
    });
  }
}

for (const mode of ['bubble', 'popup'] as const) {
  test(`on a small phone (360×640) an open ${mode} chat covers the whole screen`, async ({ page, request }) => {
    const w = await openBotPage(page, request, mode, { width: 360, height: 640 });
    await w.launcher.click();
    const p = await box(w.root.getByRole('dialog'));
    expect(p).toEqual({ x: 0, y: 0, width: 360, height: 640 });
    // The question is still at the bottom of the screen, where a thumb reaches it.
    const send = await box(w.sendButton);
    expect(send.y + send.height).toBeGreaterThan(640 - 80);
    expect(send.y + send.height).toBeLessThanOrEqual(640);
  });

  test(`on a desktop screen (1280×720) an open ${mode} chat is a window that leaves the page in view`, async ({
    page,
    request,
  }) => {
    const w = await openBotPage(page, request, mode, { width: 1280, height: 720 });
    await w.launcher.click();
    const p = await box(w.root.getByRole('dialog'));
    expect(p.width).toBeLessThan(500);
    expect(p.height).toBeLessThan(720);
    expect(p.x).toBeGreaterThan(0);
    expect(p.y).toBeGreaterThan(0);
  });
}

test('just above the small-phone width (481 px) the chat is a panel again, still wholly on screen', async ({
  page,
  request,
}) => {
  const w = await openBotPage(page, request, 'bubble', { width: 481, height: 800 });
  await w.launcher.click();
  const p = await box(w.root.getByRole('dialog'));
  expect(p.width).toBeLessThan(481);
  expect(p.x).toBeGreaterThan(0);
  await expectOnScreen(page, [w.textbox, w.sendButton]);
});
