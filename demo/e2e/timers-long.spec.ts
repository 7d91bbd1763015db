import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { ADMIN, publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/**
 * A delay at or above longTimerThreshold is registered with the server, which fires it. The page's own
 * clock is paused (Playwright's fake clock) before the due time, so only the server can move the
 * conversation on: whatever continues it here came over the event stream.
 */
/** A webhook receiver on loopback that checks each call's signature as docs/visitor-protocol.md says to. */
async function webhookReceiver(secret: string) {
  const calls: { body: any; signed: boolean }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const timestamp = String(req.headers['x-chatlet-timestamp']);
      const expected = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex');
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
      calls.push({ body: JSON.parse(raw), signed: req.headers['x-chatlet-signature'] === expected && fresh });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/chatlet`,
    calls,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function pauseClock(page: Page, at: number): Promise<void> {
  // Installed a minute early: on busy cores more than 500 ms can pass before pauseAt, which cannot go back in time.
  await page.clock.install({ time: at - 60_000 });
  await page.clock.pauseAt(at + 500);
}

test('a PT5S delay fires on the server while the page is closed, and the reopened page continues past it exactly once', async ({
  context,
  request,
}) => {
  test.setTimeout(60_000);
  const bot = await publishBot(request, scenario('long-delay'), 'long delay');
  const secret = 'e2e-webhook-secret-0123456789';
  const hook = await webhookReceiver(secret);
  const settings = await request.patch(`/api/v1/bots/${bot.id}/settings`, {
    headers: ADMIN,
    data: { webhookUrl: hook.url, webhookSecret: secret },
  });
  expect(settings.status(), await settings.text()).toBe(200);
  const path = await servePage(context, 'long-delay', landingHtml({ bots: [bot.id] }));
  const started = Date.now();

  const first = await context.newPage();
  await pauseClock(first, started);
  const registered = first.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/v1/visitor/timers/'));
  await first.goto(path);
  const w1 = new BotWidget(first, bot.id);
  await w1.open();
  await first.clock.runFor(1_000);
  await w1.expectMessage('Back in 5 seconds.');
  const put = await registered;
  expect((await put.response())!.status()).toBe(201);
  await first.close();

  // The server fires about 5 s after the page's (paused) clock entered the delay, and calls the webhook.
  await new Promise((r) => setTimeout(r, started + 7_500 - Date.now()));
  await expect.poll(() => hook.calls.length, { timeout: 10_000 }).toBe(1);
  expect(hook.calls[0].signed).toBe(true);
  expect(hook.calls[0].body).toMatchObject({
    type: 'timer.fired',
    botId: bot.id,
    timerId: expect.stringMatching(/@\d+$/),
    deliveryId: expect.any(Number),
  });

  const second = await context.newPage();
  await pauseClock(second, started + 1_000);
  const acked = second.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/visitor/ack'));
  await second.goto(path);
  const w2 = new BotWidget(second, bot.id);
  // The chat comes back open, as it was left; the paused clock stays 4 s short of the due time.
  await second.clock.runFor(1_000);
  await w2.expectMessage('The warehouse answered.');
  await w2.expectMessage('Bye!');
  expect((await acked).postDataJSON()).toEqual({ upTo: expect.any(Number) });
  await expect(w2.messages.filter({ hasText: 'The warehouse answered.' })).toHaveCount(1);
  await expect(w2.messages.filter({ hasText: 'Back in 5 seconds.' })).toHaveCount(1);

  // A reload afterwards replays nothing: the delivery was acknowledged.
  await second.reload();
  await second.clock.runFor(1_000);
  await w2.expectMessage('Bye!');
  await expect(w2.messages.filter({ hasText: 'The warehouse answered.' })).toHaveCount(1);
  expect(hook.calls).toHaveLength(1);
  await hook.close();
});

test("with the page kept open, the server's firing arrives over SSE and the conversation continues without a reload", async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('long-delay'), 'long delay open');
  const path = await servePage(page, 'long-delay-open', landingHtml({ bots: [bot.id] }));
  await pauseClock(page, Date.now());
  const stream = page.waitForRequest((r) => r.url().includes('/api/v1/visitor/events'));
  await page.goto(path);
  const w = new BotWidget(page, bot.id);
  await w.open();
  await page.clock.runFor(1_000);
  await w.expectMessage('Back in 5 seconds.');
  await stream;
  // No clock steps from here: the page's own timer stays 4 s short of due.
  await expect(w.messages.filter({ hasText: 'The warehouse answered.' })).toHaveCount(1, { timeout: 15_000 });
  await page.clock.runFor(1_000);
  await w.expectMessage('Bye!');
  await expect(w.messages.filter({ hasText: 'The warehouse answered.' })).toHaveCount(1);
});
