import { expect, test } from '@playwright/test';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

test('an end with a redirect to a path on the site takes the visitor to that page on the same origin, after the last message', async ({ page, request, baseURL }) => {
  const doc = scenario('short-chat');
  doc.nodes.find((n: { id: string }) => n.id === 'bye').redirect = '/thanks?from=chat';
  const bot = await publishBot(request, doc, 'redirect');
  await page.route('**/thanks?from=chat', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: landingHtml({ body: '<h1>Thank you</h1>' }) }),
  );
  await page.goto(await servePage(page, 'redirect', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.choose('Team');
  await w.expectMessage('Thanks, Dana! The team plan it is.');

  await page.waitForURL('**/thanks?from=chat');
  expect(page.url()).toBe(new URL('/thanks?from=chat', baseURL).href);
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
});

test("an end redirect with {{...}} takes the visitor to the address made with the conversation's variables", async ({ page, request, baseURL }) => {
  const doc = scenario('short-chat');
  doc.nodes.find((n: { id: string }) => n.id === 'bye').redirect = '/welcome/{{plan}}?name={{name}}';
  const bot = await publishBot(request, doc, 'redirect template');
  await page.route('**/welcome/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: landingHtml({ body: '<h1>Welcome aboard</h1>' }) }),
  );
  await page.goto(await servePage(page, 'redirect-template', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.choose('Basic');
  await w.expectMessage('Thanks, Dana! The basic plan it is.');

  await page.waitForURL('**/welcome/**');
  expect(page.url()).toBe(new URL('/welcome/basic?name=Dana', baseURL).href);
  await expect(page.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
});
