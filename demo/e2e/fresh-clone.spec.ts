import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { FreshClone } from './support/fresh-clone.ts';
import { landingHtml } from './support/pages.ts';
import { expect, test as guarded } from './support/test.ts';
import { BotWidget } from './support/bot-widget.ts';

/**
 * The README's promise, kept from a clean clone: `npm install && npm start` (here `npm ci`, the
 * lock file's exact install) gives a working server, builder and console with no build step.
 * The clone is of HEAD, so what is not committed does not count, as on CI. Then the first five
 * minutes of a new user, in Chromium: the owner account, a bot from a template, published, its
 * snippet pasted into a landing page on another origin, a visitor helped from the console.
 * Along the way it takes the README's two screenshots.
 */
const test = guarded.extend<{ fresh: FreshClone }>({
  fresh: async ({}, use, testInfo) => {
    const fresh = new FreshClone();
    try {
      await use(fresh);
    } finally {
      // Whatever happened: the server stops and the folder goes.
      await fresh.dispose();
      const timings = JSON.stringify(fresh.timings);
      testInfo.annotations.push({ type: 'seconds per step', description: timings });
      // Printed too: on a slow machine this says which step of the set-up took the time.
      console.log(`fresh clone, seconds per step: ${timings}`);
    }
  },
});

// A clone, an install and a server at once is all two cores take: a test added here runs after, not beside.
test.describe.configure({ mode: 'serial' });

const IMAGES = (name: string) => fileURLToPath(new URL(`../../docs/images/${name}`, import.meta.url));
const OWNER = { name: 'Olga Owner', email: 'olga@acme.example', password: 'a long first password', org: 'Acme' };

/** The landing owner's own site on 127.0.0.1 (another origin than Chatlet's), serving a page with what was pasted. */
async function landingSite(): Promise<{ url: string; paste(snippet: string): void; close(): Promise<void> }> {
  let pasted = '';
  const site: Server = createServer((req, res) => {
    if (req.url !== '/') return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(landingHtml({ body: `<main><h1>Acme</h1><p>Invoices that pay themselves.</p></main>\n${pasted}` }));
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(site.address() as AddressInfo).port}/`,
    paste: (snippet) => void (pasted = snippet),
    close: () => new Promise((r) => (site.close(() => r()), site.closeAllConnections())),
  };
}

test('from a fresh clone, npm start gives a server where a new owner publishes a template bot, a landing page runs it, and the console answers its visitor', async ({
  browser,
  guard,
  fresh,
}) => {
  // The budget for all of it on a 2-core machine: clone, npm ci, npm start (with its asset build), the walk, clean-up.
  test.setTimeout(180_000);
  await fresh.clone();
  await fresh.install();
  const chatlet = await fresh.start(120_000);
  guard.watchOrigin(chatlet);
  const site = await landingSite();
  guard.watchOrigin(site.url);
  const landingOrigin = new URL(site.url).origin;

  // The owner's browser, at the size of the README's screenshots (copying needs the clipboard), and a visitor's.
  const owner = await browser.newContext({
    baseURL: chatlet,
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const visitors = await browser.newContext();
  try {
    const page = await owner.newPage();
    let botId = '';

    await test.step('the first visit asks for the owner account, then opens the builder', async () => {
      await page.goto('/');
      await page.getByLabel('Your name').fill(OWNER.name);
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByLabel('Organisation').fill(OWNER.org);
      await page.getByRole('button', { name: 'Create owner account' }).click();
      await page.waitForURL(/\/builder/);
    });

    await test.step('a bot from the support template opens in the editor', async () => {
      await page.getByRole('button', { name: /^Support with handoff/ }).click();
      const canvas = page.getByRole('application', { name: 'Canvas' });
      await expect(canvas.getByText('Hi! What do you need help with?')).toBeVisible();
      // The handoff node selected, so the picture shows a node's form beside the canvas.
      await canvas.getByText('Connecting you to a person…').click();
      await expect(page.getByRole('tab', { name: 'Node' })).toHaveAttribute('aria-selected', 'true');
      await page.screenshot({ path: IMAGES('builder.png') });
    });

    await test.step('the landing page is allowed, the bot is published, and its snippet is copied', async () => {
      // The bot calls home for the handoff, which Chatlet answers only for pages the bot allows.
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByLabel('Pages allowed to embed the bot (origins, comma separated)').fill(landingOrigin);
      await page.getByRole('button', { name: 'Publish…' }).click();
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      // Publishing compiles the bot; on a busy 2-core machine that can take a while.
      await expect(page.getByText('Published version 1.')).toBeVisible({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Copy snippet' }).click();
      await expect(page.getByText('Copied', { exact: true })).toBeVisible();
      const snippet = await page.evaluate(() => navigator.clipboard.readText());
      expect(snippet).toContain(`<script src="${chatlet}/bots/`);
      site.paste(snippet);
      botId = /\/bots\/([\w-]+)\.js/.exec(snippet)?.[1] ?? '';
      expect(botId).not.toBe('');
    });

    const visitor = await visitors.newPage();
    const widget = new BotWidget(visitor, botId);
    await test.step('a visitor of the landing page talks to the bot and asks for a person', async () => {
      await visitor.goto(site.url);
      await widget.open();
      await widget.expectMessage('Hi! What do you need help with?');
      await widget.choose('Billing');
      await widget.expectMessage('Connecting you to a person…');
    });

    await test.step('the owner answers the visitor from the console', async () => {
      // The builder's navigation leads there; the owner helps visitors too.
      await page.getByRole('link', { name: 'Console' }).click();
      await page.waitForURL(/\/console$/);
      const desk = page;
      await desk.getByRole('radio', { name: 'Available' }).click();
      await expect(desk.getByRole('radio', { name: 'Available' })).toBeChecked();
      await desk
        .getByRole('button', { name: /Billing/ })
        .first()
        .click();
      await expect(desk.getByRole('log', { name: 'Conversation' })).toContainText('Hi! What do you need help with?');
      await desk.getByRole('button', { name: 'Claim' }).click();
      const reply = desk.getByRole('textbox', { name: 'Message to the visitor' });
      await reply.fill('Hi! I can help with your invoice.');
      await reply.press('Enter');
      await widget.expectMessage('Hi! I can help with your invoice.');
      await widget.answer('Thanks! It is invoice 1042.');
      await expect(desk.getByRole('log', { name: 'Conversation' })).toContainText('Thanks! It is invoice 1042.');
      await desk.screenshot({ path: IMAGES('console.png') });
    });
  } finally {
    await Promise.all([owner.close(), visitors.close(), site.close()]);
  }
});
