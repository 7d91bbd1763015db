import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { BotWidget } from './support/bot-widget.ts';

const PAYLOAD = '<img src=x onerror=alert(1)>';

/** Counts, in the document and every open shadow root, the shadow roots and the `img` elements. */
function countImagesEverywhere(page: Page): Promise<{ shadowRoots: number; logsInShadow: number; images: number }> {
  return page.evaluate(() => {
    const result = { shadowRoots: 0, logsInShadow: 0, images: 0 };
    const visit = (root: Document | ShadowRoot) => {
      result.images += root.querySelectorAll('img').length;
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (!el.shadowRoot) continue;
        result.shadowRoots++;
        result.logsInShadow += el.shadowRoot.querySelectorAll('[role="log"]').length;
        visit(el.shadowRoot);
      }
    };
    visit(document);
    return result;
  });
}

test('a name typed as HTML is echoed back as plain text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const bot = new BotWidget(page, 'demo');

  await page.goto('/demo/');
  await bot.open();
  await bot.expectMessage("what's your name?");
  await bot.answer(PAYLOAD);

  // The bot's echo and the visitor's own bubble both show the literal characters.
  await bot.expectMessage(`Nice to meet you, ${PAYLOAD}!`);
  const texts = await bot.transcriptTexts();
  expect(texts.filter((t) => t.includes(PAYLOAD)).length).toBeGreaterThanOrEqual(2);
  await expect(bot.option('Just looking around')).toBeVisible();

  const live = await countImagesEverywhere(page);
  expect(live.logsInShadow, 'the transcript lives in an open shadow root').toBe(1);
  expect(live.images).toBe(0);

  // The restored transcript goes through a different render path: check it too.
  await page.reload();
  await bot.open();
  await bot.expectMessage(`Nice to meet you, ${PAYLOAD}!`);
  await bot.choose('Just looking around');
  await bot.expectMessage(`No problem, ${PAYLOAD}.`);

  const restored = await countImagesEverywhere(page);
  expect(restored.logsInShadow).toBe(1);
  expect(restored.images).toBe(0);
  expect(dialogs).toEqual([]);
});
