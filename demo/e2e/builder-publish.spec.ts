import { expect, test } from './support/test.ts';
import { createBot, openBot, signInQuietly } from './builder-support.ts';
import { BotWidget } from './support/bot-widget.ts';

/**
 * The Publish tab as a new author meets it: nothing to paste before the first publish, then one message per
 * outcome, a snippet that copies, and a test page of the server's with the published bot on it.
 */
test.use({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
// Like the other builder specs: the builder's first load is heavy on a busy machine.
test.describe.configure({ timeout: 60_000 });

const greeter = {
  format: 'chatlet.scenario/1',
  name: 'Greeter',
  locale: 'en',
  variables: { name: '' },
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', text: 'Hello from the greeter!', next: 'ask' },
    { id: 'ask', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'bye' },
    { id: 'bye', type: 'end', text: 'Bye {{name}}!' },
  ],
  layout: { hello: { x: 40, y: 40 }, ask: { x: 300, y: 40 }, bye: { x: 560, y: 40 } },
};

test.beforeEach(async ({ page, baseURL }) => {
  await signInQuietly(page, baseURL!);
});

test('the snippet and test page appear once the bot is published, the snippet copies, and publishing it unchanged says so once without a new version', async ({
  page,
  baseURL,
}) => {
  const id = await createBot(page.request, baseURL!, 'Greeter <test>', greeter);
  await openBot(page, id);
  await page.getByRole('button', { name: 'Publish…' }).click();
  const panel = page.getByRole('region', { name: 'Publish' });
  await expect(panel.getByRole('status').first()).toHaveText('Nothing is published yet.');
  await expect(
    panel.getByText('Publishing gives you a snippet to paste into your site, and a test page with the bot on it.'),
  ).toBeVisible();
  await expect(panel.getByLabel('Embed snippet')).toHaveCount(0);
  await expect(panel.getByRole('link', { name: 'Open test page' })).toHaveCount(0);

  await panel.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(panel.getByText('Published version 1. It is live now.')).toBeVisible({ timeout: 15_000 });
  // One sentence about what is live, not two that repeat each other.
  await expect(panel.getByRole('status').filter({ hasText: /version 1\b/i })).toHaveCount(1);
  await expect(panel.getByText('Version 1 is live.')).toHaveCount(0);

  const snippet = await panel.getByLabel('Embed snippet').inputValue();
  expect(snippet).toContain(`<script src="${baseURL}/bots/${id}.js" async></script>`);
  await panel.getByRole('button', { name: 'Copy snippet' }).click();
  await expect(panel.getByText('Copied', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  await page.screenshot({ path: '/tmp/h5-publish-panel.png' });

  await panel.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(panel.getByText('Nothing changed since version 1; it is live.')).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByText('Published version 1. It is live now.')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: /^Restore version/ })).toHaveCount(1);

  // The test page: the server's own page with the published bot, reached from the panel.
  const link = panel.getByRole('link', { name: 'Open test page' });
  await expect(link).toHaveAttribute('href', `${baseURL}/try/${id}`);
  const [tryPage] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await tryPage.waitForLoadState();
  await expect(tryPage).toHaveTitle('Try Greeter <test> · Chatlet');
  await expect(tryPage.getByRole('heading', { level: 1 })).toHaveText('Greeter <test>');
  await expect(tryPage.getByText('Chatlet test page for the bot Greeter <test>.', { exact: false })).toBeVisible();
  const widget = new BotWidget(tryPage, id);
  await widget.open();
  await widget.expectMessage('Hello from the greeter!');
  await widget.answer('Ann');
  await widget.expectMessage('Bye Ann!');
  await tryPage.screenshot({ path: '/tmp/h5-test-page.png' });
});

test('the test page of a bot that is not published is a plain 404 page that says so', async ({
  page,
  baseURL,
  guard,
}) => {
  guard.allow(/\/try\/b_neverpublished/);
  const response = await page.goto(`${baseURL}/try/b_neverpublished`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('There is no published bot here');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/static/favicon.svg');
});
