import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/**
 * Publishes short-chat.json with `redirect` on its end, answers the pages under `route` with a
 * heading, and talks to the end: Dana, then the plan given.
 */
async function talkToTheEnd(
  page: Page,
  request: APIRequestContext,
  o: { name: string; redirect: string; route: string; heading: string; plan: string },
) {
  const doc = scenario('short-chat');
  doc.nodes.find((n: { id: string }) => n.id === 'bye').redirect = o.redirect;
  const bot = await publishBot(request, doc, o.name);
  await page.route(o.route, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: landingHtml({ body: `<h1>${o.heading}</h1>` }),
    }),
  );
  await page.goto(await servePage(page, o.name, landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.choose(o.plan);
  await w.expectMessage(`Thanks, Dana! The ${o.plan.toLowerCase()} plan it is.`);
}

test('an end with a redirect to a path on the site takes the visitor to that page on the same origin, after the last message', async ({
  page,
  request,
  baseURL,
}) => {
  await talkToTheEnd(page, request, {
    name: 'redirect',
    redirect: '/thanks?from=chat',
    route: '**/thanks?from=chat',
    heading: 'Thank you',
    plan: 'Team',
  });

  await page.waitForURL('**/thanks?from=chat');
  expect(page.url()).toBe(new URL('/thanks?from=chat', baseURL).href);
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
});

test("an end redirect with {{...}} takes the visitor to the address made with the conversation's variables", async ({
  page,
  request,
  baseURL,
}) => {
  await talkToTheEnd(page, request, {
    name: 'redirect-template',
    redirect: '/welcome/{{plan}}?name={{name}}',
    route: '**/welcome/**',
    heading: 'Welcome aboard',
    plan: 'Basic',
  });

  await page.waitForURL('**/welcome/**');
  expect(page.url()).toBe(new URL('/welcome/basic?name=Dana', baseURL).href);
  await expect(page.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
});
