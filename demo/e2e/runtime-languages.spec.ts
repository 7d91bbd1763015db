import type { Browser, APIRequestContext } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/**
 * The visitor's language (the browser's, set here with Playwright's `locale`) picks both the
 * bot's text and the widget's own words, with the scenario's `locale` as the fallback
 * (docs/scenario-format.md, Text; docs/js-api.md, the last section).
 */

/** What a visitor sees in one language: the scenario's words and the widget's. */
interface Words {
  open: string;
  close: string;
  answer: string;
  send: string;
  hello: string;
  askName: string;
  plan: (name: string) => string;
  team: string;
  bye: (name: string) => string;
}

const EN: Words = {
  open: 'Open chat',
  close: 'Close chat',
  answer: 'Your answer',
  send: 'Send',
  hello: "Hello! I'm Ava.",
  askName: "What's your name?",
  plan: (n) => `Which plan, ${n}?`,
  team: 'Team',
  bye: (n) => `Thanks, ${n}!`,
};
const UK: Words = {
  open: 'Відкрити чат',
  close: 'Закрити чат',
  answer: 'Ваша відповідь',
  send: 'Надіслати',
  hello: 'Привіт! Я Ава.',
  askName: 'Як вас звати?',
  plan: (n) => `Який план, ${n}?`,
  team: 'Командний',
  bye: (n) => `Дякую, ${n}!`,
};
const RU: Words = {
  open: 'Открыть чат',
  close: 'Закрыть чат',
  answer: 'Ваш ответ',
  send: 'Отправить',
  hello: 'Привет! Я Ава.',
  askName: 'Как вас зовут?',
  plan: (n) => `Какой план, ${n}?`,
  team: 'Командный',
  bye: (n) => `Спасибо, ${n}!`,
};

/** Publishes `doc` and opens a page embedding it in a browser whose language is `locale`. */
async function visit(
  browser: Browser,
  baseURL: string | undefined,
  request: APIRequestContext,
  locale: string,
  doc: any,
) {
  const bot = await publishBot(request, doc, `languages ${locale}`);
  const context = await browser.newContext({ locale, baseURL });
  const page = await context.newPage();
  await page.goto(await servePage(page, 'languages-' + locale, landingHtml({ bots: [bot.id] })));
  return { page, context, root: new BotWidget(page, bot.id).root };
}

/** Runs the whole conversation of languages.json, checking every word on screen is in `words`. */
async function converseIn(
  browser: Browser,
  baseURL: string | undefined,
  request: APIRequestContext,
  locale: string,
  words: Words,
  doc = scenario('languages'),
) {
  const { page, context, root } = await visit(browser, baseURL, request, locale, doc);
  const log = root.getByRole('log');
  const said = (text: string) => expect(log.getByRole('listitem').filter({ hasText: text }).first()).toBeVisible();

  await root.getByRole('button', { name: words.open, exact: true }).click();
  await said(words.hello);
  await said(words.askName);
  await expect(root.getByRole('button', { name: words.close, exact: true })).toBeVisible();
  const box = root.getByRole('textbox', { name: words.answer, exact: true });
  await expect(box).toHaveAttribute('placeholder', words.answer);
  await box.fill('Dana');
  await root.getByRole('button', { name: words.send, exact: true }).click();
  await said(words.plan('Dana'));
  await root.getByRole('button', { name: words.team, exact: true }).click();
  await said(words.bye('Dana'));
  // Nothing of another language slipped in.
  expect(await log.getByRole('listitem').allInnerTexts()).toEqual([
    words.hello,
    words.askName,
    'Dana',
    words.plan('Dana'),
    words.team,
    words.bye('Dana'),
  ]);
  await context.close();
}

test('a Ukrainian visitor reads the bot in Ukrainian, with Ukrainian buttons and labels', async ({
  browser,
  baseURL,
  request,
}) => {
  await converseIn(browser, baseURL, request, 'uk-UA', UK);
});

test('a Russian visitor reads the bot in Russian, with Russian buttons and labels', async ({
  browser,
  baseURL,
  request,
}) => {
  await converseIn(browser, baseURL, request, 'ru-RU', RU);
});

test('an English visitor reads the bot in English, with English buttons and labels', async ({
  browser,
  baseURL,
  request,
}) => {
  await converseIn(browser, baseURL, request, 'en-GB', EN);
});

test("a visitor whose language the bot does not speak gets the scenario's default language, for the text and the buttons", async ({
  browser,
  baseURL,
  request,
}) => {
  await converseIn(browser, baseURL, request, 'de-DE', EN);
  const ukrainianFirst = scenario('languages');
  ukrainianFirst.locale = 'uk';
  await converseIn(browser, baseURL, request, 'de-DE', UK, ukrainianFirst);
});

test('a bot written only in English shows English buttons to a Ukrainian visitor too, so its words and the buttons match', async ({
  browser,
  baseURL,
  request,
}) => {
  const { context, root } = await visit(browser, baseURL, request, 'uk-UA', scenario('short-chat'));
  await root.getByRole('button', { name: 'Open chat', exact: true }).click();
  await expect(root.getByRole('log').getByRole('listitem').filter({ hasText: "What's your name?" })).toBeVisible();
  await expect(root.getByRole('textbox', { name: 'Your answer', exact: true })).toBeVisible();
  await expect(root.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
  await context.close();
});
