import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { freePort, startChildServer, type ChildServer } from '../../server/test/child-server.ts';
import { expect, problemLine, test } from './support/test.ts';
import { BotWidget } from './support/bot-widget.ts';

/**
 * Every page the server renders loads with no console error, no uncaught exception and no failed request of its
 * own (the guard every spec runs under checks that after each test). The set-up page needs an install nobody has
 * set up, and the shared e2e server is set up by other specs, so the owner's pages run on a server of this spec's
 * own, on an empty DATA_DIR; the demo site and the not-found page need nothing and use the shared one.
 */

const OWNER = {
  name: 'Pat Owner',
  email: 'pat@pages-clean.example',
  password: 'pages clean password',
  orgName: 'Clean Pages',
};
const DEMO_SCENARIO = JSON.parse(readFileSync(new URL('../scenario.json', import.meta.url), 'utf8'));

test.describe("the owner's pages of a new install", () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  let server: ChildServer | undefined;
  let dataDir = '';

  test.beforeAll(async () => {
    test.setTimeout(200_000);
    dataDir = mkdtempSync(join(tmpdir(), 'chatlet-pages-clean-'));
    server = await startChildServer({ port: await freePort(), dataDir, token: '' });
  });

  test.afterAll(async () => {
    if (server) {
      server.terminate();
      await server.exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * The page logged in as the owner, through the API (the same session cookie the login form sets). When the set-up
   * test did not run first (a run of one test), the owner is set up through the API here.
   */
  async function logIn(page: Page): Promise<string> {
    const url = server!.url;
    const headers = { Origin: url };
    const credentials = { email: OWNER.email, password: OWNER.password };
    let res = await page.request.post(`${url}/api/v1/session`, { data: credentials, headers });
    if (res.status() === 401) {
      await page.request.post(`${url}/api/v1/setup`, { data: OWNER, headers });
      res = await page.request.post(`${url}/api/v1/session`, { data: credentials, headers });
    }
    expect(res.status(), await res.text()).toBeLessThan(300);
    return url;
  }

  test('the set-up page, and the empty bot list it leads to, show no errors', async ({ page, guard }) => {
    const url = server!.url;
    guard.watchOrigin(url);
    await page.goto(`${url}/`);
    await expect(page.getByRole('heading', { name: 'Welcome to Chatlet' })).toBeVisible();
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByLabel('Organisation').fill(OWNER.orgName);
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.waitForURL(`${url}/builder`);
    await expect(page.getByRole('heading', { name: 'Your bots' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Blank/ })).toBeVisible();
  });

  test('the login page, and the bot list it leads to, show no errors', async ({ page, guard }) => {
    const url = server!.url;
    guard.watchOrigin(url);
    await page.goto(`${url}/builder`);
    await page.waitForURL(`${url}/login?next=%2Fbuilder`);
    await expect(page.getByRole('heading', { name: 'Log in to Chatlet' })).toBeVisible();
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${url}/builder`);
    await expect(page.getByRole('heading', { name: 'Your bots' })).toBeVisible();
  });

  test('the editor, with every inspector tab and the preview open, shows no errors', async ({ page, guard }) => {
    test.setTimeout(120_000);
    const url = await logIn(page);
    guard.watchOrigin(url);
    const created = await page.request.post(`${url}/api/v1/bots`, {
      data: { name: 'Clean editor', scenario: DEMO_SCENARIO },
      headers: { Origin: url },
    });
    expect(created.status(), await created.text()).toBe(201);

    await page.goto(`${url}/builder`);
    await page.getByRole('button', { name: 'Clean editor', exact: true }).click();
    await expect(page.getByRole('application', { name: 'Canvas' })).toBeVisible();
    await expect(page.locator('.drawflow-node').first()).toBeVisible();
    await page.locator('.drawflow-node .cl-title').first().click();
    for (const tab of ['Node', 'Variables', 'Settings', 'Publish']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    }
    await expect(page.getByRole('region', { name: 'Problems' })).toContainText('0 errors');

    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = page.frameLocator('iframe[title="Bot preview"]');
    await expect(preview.getByRole('log')).toBeVisible({ timeout: 15_000 });
    await expect(preview.getByRole('listitem').filter({ hasText: "Hi! I'm Ava from Acme Analytics." })).toBeVisible();
  });

  test('the console, on each of its tabs, shows no errors', async ({ page, guard }) => {
    const url = await logIn(page);
    guard.watchOrigin(url);
    await page.goto(`${url}/console`);
    await expect(page.getByRole('heading', { name: 'Chatlet · Manager console' })).toBeVisible();
    const views = page.getByRole('navigation', { name: 'Views' });
    for (const [tab, heading] of [
      ['In progress', 'In progress'],
      ['Closed', 'Closed'],
      ['KPIs', 'KPIs per manager'],
      ['Queue', 'Queue'],
    ]) {
      await views.getByRole('button', { name: tab }).click();
      await expect(views.getByRole('button', { name: tab })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
  });
});

test('the demo site shows no errors, and neither does its bot once opened', async ({ page }) => {
  await page.goto('/demo/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Know which campaigns pay');
  const bot = new BotWidget(page, 'demo');
  await bot.open();
  await bot.expectMessage("Hi! I'm Ava from Acme Analytics.");
});

test('a browser opening an unknown address gets a page saying it is not there, not a JSON error', async ({
  page,
  guard,
  baseURL,
}) => {
  // The page's own document is the 404, and that is the one expected problem.
  guard.allow(new RegExp(`^response ${baseURL}/no-such-page GET 404$`));
  const res = await page.goto('/no-such-page');
  expect(res!.status()).toBe(404);
  expect(res!.headers()['content-type']).toMatch(/^text\/html/);
  await expect(page).toHaveTitle('Page not found · Chatlet');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('There is nothing at /no-such-page on this Chatlet server.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  expect(guard.problems.map(problemLine)).toEqual([`response ${baseURL}/no-such-page GET 404`]);
});
