import { expect, test } from './support/test.ts';
import { BotWidget } from './support/bot-widget.ts';

// The demo bot is demo/scenario.json, published by the server as bot `demo` at startup.

test('a visitor talks to the demo bot, reloads mid-conversation and finishes where they left off', async ({ page }) => {
  // A dozen steps and a reload: on a busy 2-core machine that alone can pass 30 s.
  test.setTimeout(60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const bot = new BotWidget(page, 'demo');

  await page.goto('/demo/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Know which campaigns pay');
  await bot.open();
  await bot.expectMessage("Hi! I'm Ava from Acme Analytics.");
  await bot.expectMessage("what's your name?");

  await bot.answer('Dana');
  await bot.expectMessage('Nice to meet you, Dana!');
  await bot.expectMessage('What brings you to Acme Analytics?');

  await bot.choose('Product analytics');
  await bot.expectMessage('How many people on your team would use it?');
  await expect(bot.option('2 to 10')).toBeVisible();
  const beforeReload = await bot.transcriptTexts();
  expect(beforeReload.some((t) => t.includes('Dana'))).toBe(true);

  await page.reload();
  await bot.open();
  // The pending question comes back with its options, and the transcript is the same:
  // nothing lost, nothing said twice.
  await expect(bot.option('11 to 50')).toBeVisible();
  await expect(bot.messages).toHaveCount(beforeReload.length);
  expect(await bot.transcriptTexts()).toEqual(beforeReload);

  await bot.choose('11 to 50');
  await bot.expectMessage('Teams your size usually pick Business');
  await bot.expectMessage('Where should I send your trial invite?');

  await bot.answer('dana at example');
  await bot.expectMessage("That doesn't look like an email address.");
  await bot.answer('dana@example.com');
  await bot.expectMessage('Thanks, Dana! Your Business trial invite is on its way to dana@example.com.');

  // The conversation is over: no question is left to answer.
  await expect(bot.textbox).toHaveCount(0);
  await expect(bot.sendButton).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('the page runs the minified bundle that the server published', async ({ page, request }) => {
  const bundleResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/bots/demo.js');
  await page.goto('/demo/');
  const response = await bundleResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/javascript/);

  const loaded = await response.text();
  // Minified: a handful of lines at most (a license banner, say), none of them indented.
  expect(loaded.split('\n').length).toBeLessThanOrEqual(5);
  expect(loaded).not.toMatch(/\n\s+\S/);
  expect(loaded).not.toMatch(/\beval\s*\(|new\s+Function\s*\(/);

  // It is the latest published version: byte for byte the immutable, content-hashed file.
  const api = await request.get('/api/v1/bots/demo', { headers: { Authorization: 'Bearer e2e-admin-token' } });
  expect(api.status()).toBe(200);
  const { published } = (await api.json()) as { published: { hash: string; bundleUrl: string } | null };
  expect(published?.bundleUrl).toContain(`/bots/demo/${published?.hash}.js`);
  const immutable = await request.get(published!.bundleUrl);
  expect(immutable.status()).toBe(200);
  expect(await immutable.text()).toBe(loaded);

  // And it runs: the launcher it draws opens the chat.
  await new BotWidget(page, 'demo').open();
});
