import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/**
 * Records, from before any page script, whether a launcher ("Open chat") is ever put into a
 * Chatlet shadow root, and whether the chat's log ever is: `window.__drawn` lists them in order.
 */
const DRAW_RECORDER = `window.__drawn = [];
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, init);
  new MutationObserver(function () {
    const seen = window.__drawn;
    if (root.querySelector('[aria-label="Open chat"]') && seen[seen.length - 1] !== 'launcher') seen.push('launcher');
    if (root.querySelector('[role="log"]') && seen[seen.length - 1] !== 'chat') seen.push('chat');
  }).observe(root, { childList: true, subtree: true });
  return root;
};`;

const drawn = (page: Page) => page.evaluate(() => (window as any).__drawn as string[]);

test('a visitor who comes back to a chat left open sees it open again, with no launcher drawn before it', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'reopen');
  await page.addInitScript(DRAW_RECORDER);
  await page.goto(await servePage(page, 'reopen', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage("What's your name?");
  await w.answer('Ann');
  await w.expectMessage('Which plan, Ann?');
  expect(await drawn(page)).toEqual(['launcher', 'chat']);

  await page.reload();
  await w.expectMessage('Which plan, Ann?');
  await expect(w.transcript).toBeVisible();
  expect(await drawn(page)).toEqual(['chat']);

  // Closed, it comes back closed: the launcher, and no chat.
  await w.root.getByRole('button', { name: 'Close chat' }).click();
  await expect(w.launcher).toBeVisible();
  await page.reload();
  await expect(w.launcher).toBeVisible();
  await page.waitForTimeout(300);
  expect(await drawn(page)).toEqual(['launcher']);
  await w.open();
  await w.expectMessage('Which plan, Ann?');
});

test('without localStorage the chat left open still comes back open, after the launcher', async ({ page, request }) => {
  const bot = await publishBot(request, scenario('short-chat'), 'reopen-no-ls');
  await page.addInitScript(DRAW_RECORDER);
  await page.addInitScript(() =>
    Object.defineProperty(window, 'localStorage', {
      get: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    }),
  );
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(await servePage(page, 'reopen-no-ls', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage("What's your name?");
  await page.reload();
  await w.expectMessage("What's your name?");
  await expect(w.transcript).toBeVisible();
  expect(await drawn(page)).toEqual(['launcher', 'chat']);
  expect(errors).toEqual([]);
});
