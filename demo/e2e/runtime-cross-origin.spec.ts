import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { ADMIN, publishBot, scenario, type PublishedBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { EVENT_RECORDER_JS, VIOLATION_RECORDER, landingHtml, recordedEvents, violations } from './support/pages.ts';

/**
 * The way Chatlet is deployed: the landing page on its own origin (here 127.0.0.1), the Chatlet
 * server on another (the e2e server, at localhost), the page served with the CSP line that
 * docs/operations.md tells landing owners to use.
 */
const OPERATIONS = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
const DOC_CSP = /^Content-Security-Policy: (.+)$/m.exec(OPERATIONS)![1];
/** docs/js-api.md's embed for pages under a strict CSP: the stub as a file, the page's script, the bot. */
const JS_API = readFileSync(new URL('../../docs/js-api.md', import.meta.url), 'utf8');
const STUB_FILE_EMBED = [...JS_API.matchAll(/```html\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .find((b) => b.includes('/assets/stub.min.js'))!;

/**
 * The landing owner's own web server, on 127.0.0.1 (a real server rather than a routed page: Chromium
 * lets a page reach a loopback server only from a page that itself came from the loopback network).
 */
const sites: Server[] = [];
test.afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => new Promise((r) => (s.close(r), s.closeAllConnections()))));
});

const CHATLET = () => new URL(test.info().project.use.baseURL!).origin;

/** Serves a page with the bot's `embed` (the plain tag unless given) and any `scripts` by path, all under the documented CSP. */
async function landing(
  page: Page,
  bot: PublishedBot,
  o: { embed?: string; scripts?: Record<string, string> } = {},
): Promise<{ url: string; csp: string }> {
  const chatlet = CHATLET();
  const csp = DOC_CSP.replaceAll('https://chat.example.com', chatlet);
  const embed = (o.embed ?? '<script src="https://chat.example.com/bots/BOT_ID.js" async></script>')
    .replaceAll('https://chat.example.com', chatlet)
    .replaceAll('BOT_ID', bot.id);
  const html = landingHtml({ noIcon: true }).replace('</body>', `${embed}\n</body>`);
  const site = createServer((req, res) => {
    const script = o.scripts?.[req.url!];
    res
      .writeHead(200, {
        'content-type': script ? 'text/javascript' : 'text/html; charset=utf-8',
        'content-security-policy': csp,
      })
      .end(script ?? html);
  });
  sites.push(site);
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  expect(new URL(url).origin).not.toBe(chatlet);
  await page.addInitScript(VIOLATION_RECORDER);
  // Init scripts run whatever the CSP says: the page's event log without an inline script.
  await page.addInitScript(EVENT_RECORDER_JS);
  return { url, csp };
}

async function allowOrigins(request: Parameters<typeof publishBot>[0], bot: PublishedBot, origins: string[]) {
  const res = await request.patch(`/api/v1/bots/${bot.id}/settings`, {
    headers: ADMIN,
    data: { allowedOrigins: origins },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test('a landing page on another origin, under the CSP line from docs/operations.md, gets its long timer fired by the Chatlet server', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const bot = await publishBot(request, scenario('long-delay'), 'cross-origin');
  const site = await landing(page, bot);
  await allowOrigins(request, bot, [new URL(site.url).origin]);
  const pageErrors: Error[] = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  // The page's own clock is paused: only the server can move the conversation past the delay.
  const now = Date.now();
  await page.clock.install({ time: now });
  await page.clock.pauseAt(now + 500);
  const registered = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/v1/visitor/timers/'));
  const response = await page.goto(site.url);
  expect(response!.headers()['content-security-policy']).toBe(site.csp);

  const w = new BotWidget(page, bot.id);
  await w.open();
  await page.clock.runFor(1_000);
  await w.expectMessage('Back in 5 seconds.');
  const put = await registered;
  expect(new URL(put.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
  expect((await put.response())!.status()).toBe(201);
  await expect(w.messages.filter({ hasText: 'The warehouse answered.' })).toHaveCount(1, { timeout: 15_000 });
  await page.clock.runFor(1_000);
  await w.expectMessage('Bye!');

  expect(await violations(page)).toEqual([]);
  expect((await recordedEvents(page)).error).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a page whose origin the bot does not allow is refused by the server, and the browser keeps the timer itself', async ({
  page,
  request,
  guard,
}) => {
  // The refusal is the point: the browser blocks the bot's calls home (CORS) and says so in the console.
  guard.allow(
    /^console \S+ Access to fetch at '\S+\/api\/v1\/visitor\/\S+' from origin '\S+' has been blocked by CORS policy/,
    /^requestfailed \S+\/api\/v1\/visitor\/\S+ \w+ net::ERR_FAILED$/,
  );
  const bot = await publishBot(request, scenario('long-delay'), 'foreign-origin');
  const site = await landing(page, bot);
  await allowOrigins(request, bot, ['https://acme.example']);
  const pageErrors: Error[] = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  const refused = page.waitForEvent('requestfailed', (r) => r.url().includes('/api/v1/visitor/'));
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.goto(site.url);

  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.expectMessage('Back in 5 seconds.');
  // CORS: the browser does not let the page read the server's answer, so the call fails.
  await refused;
  await page.clock.runFor(5_100);
  await expect(w.messages.filter({ hasText: 'The warehouse answered.' })).toHaveCount(1);
  await w.expectMessage('Bye!');
  // The page is told, once, that its calls home go unanswered.
  const errors = (await recordedEvents(page)).error;
  expect(errors).toEqual([
    expect.objectContaining({ code: 'server.unreachable', message: expect.stringContaining('no answer') }),
  ]);
  expect(pageErrors).toEqual([]);
});

test("under that CSP, the stub loaded from the Chatlet server queues the page's early calls, which the bot then replays", async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'stub-file');
  const site = await landing(page, bot, {
    embed: STUB_FILE_EMBED,
    scripts: {
      // The page's own script of the doc's example, calling the API before the bot has loaded.
      '/js/page.js': `window.heard = [];
Chatlet.on('message', function (m) { window.heard.push(m.from + ': ' + m.text); });
Chatlet.open();`,
    },
  });
  await allowOrigins(request, bot, [new URL(site.url).origin]);
  const pageErrors: Error[] = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  await page.goto(site.url);
  const w = new BotWidget(page, bot.id);
  // Opened by the queued call, not by a click.
  await expect(w.transcript).toBeVisible();
  await w.expectMessage('Hi there!');
  await expect.poll(() => page.evaluate(() => (window as any).heard[0])).toBe('bot: Hi there!');
  expect(await violations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
