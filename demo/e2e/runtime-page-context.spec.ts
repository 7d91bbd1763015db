import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, type PublishedBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml } from './support/pages.ts';

/**
 * Page context (docs/scenario-format.md): the read-only `page` variable a bot reads in conditions and
 * texts, filled from the landing page's address, referrer and utm_ parameters when a conversation starts.
 */
const SCENARIO = {
  format: 'chatlet.scenario/1',
  name: 'Campaign greeting',
  variables: { name: '' },
  start: 'from',
  nodes: [
    {
      id: 'from',
      type: 'condition',
      branches: [{ when: 'page.utm.campaign == "spring"', next: 'spring' }],
      else: 'plain',
    },
    {
      id: 'spring',
      type: 'message',
      text: 'Welcome, {{page.utm.source}} reader! The spring offer is on.',
      next: 'ask',
    },
    { id: 'plain', type: 'message', text: 'Welcome! [{{page.utm.source}}]', next: 'ask' },
    { id: 'ask', type: 'input', prompt: "What's your name?", var: 'name', input: 'text', next: 'bye' },
    { id: 'bye', type: 'end', text: 'Thanks, {{name}}. You came from "{{page.referrer}}".' },
  ],
};

let bot: PublishedBot;
test.beforeAll(async ({ request }) => {
  bot = await publishBot(request, SCENARIO, 'page-context');
});

/** Opens the landing page with `query` (from `referer`, when given) and opens the chat. */
async function visit(page: Page, query: string, referer?: string): Promise<BotWidget> {
  // servePage's route would not match an address with a query string, so this page serves its own.
  await page.route(/\/t\/campaign\.html(\?.*)?$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: landingHtml({ bots: [bot.id] }) }),
  );
  await page.goto('/t/campaign.html' + query, referer ? { referer } : {});
  const w = new BotWidget(page, bot.id);
  await w.open();
  return w;
}

/** The bot's `page` variable, as Chatlet.variables() gives it. */
const pageVariable = (page: Page) => page.evaluate(() => (window as any).Chatlet.variables().page);

test('a visitor who follows a spring campaign link is greeted by that campaign and its source', async ({ page }) => {
  const w = await visit(page, '?utm_source=newsletter&utm_medium=email&utm_campaign=spring', 'https://search.example/');
  await w.expectMessage('Welcome, newsletter reader! The spring offer is on.');
  await w.answer('Dana');
  await w.expectMessage('Thanks, Dana. You came from "https://search.example/".');
  expect(await pageVariable(page)).toEqual({
    url: new URL('/t/campaign.html?utm_source=newsletter&utm_medium=email&utm_campaign=spring', page.url()).href,
    referrer: 'https://search.example/',
    utm: { source: 'newsletter', medium: 'email', campaign: 'spring', term: '', content: '' },
  });
});

test('a visitor without utm tags gets the plain greeting, and the missing fields show as nothing', async ({ page }) => {
  const w = await visit(page, '');
  await w.expectMessage('Welcome! []');
  await w.answer('Lee');
  await w.expectMessage('Thanks, Lee. You came from "".');
  expect((await pageVariable(page)).utm).toEqual({ source: '', medium: '', campaign: '', term: '', content: '' });
});

test('a conversation picked up after a reload on another campaign link keeps the page it started on', async ({
  page,
}) => {
  const w = await visit(page, '?utm_source=ads&utm_campaign=spring');
  await w.expectMessage('Welcome, ads reader! The spring offer is on.');
  await page.goto(new URL('?utm_source=radio&utm_campaign=autumn', page.url()).href);
  await w.open();
  await expect(w.textbox).toBeVisible();
  await expect.poll(async () => (await pageVariable(page))?.utm).toMatchObject({ source: 'ads', campaign: 'spring' });
  expect(await w.transcriptTexts()).not.toContain('Welcome! [radio]');
});
