import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario, type PublishedBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { axeClean, managerConsole, statusControl } from './support/console.ts';
import { landingHtml, servePage } from './support/pages.ts';

// The e2e server runs with CHATLET_VISITOR_GRACE_SECONDS=3 (playwright.config.ts): a closed page counts as gone after 3 s.

// Each test signs a manager in and runs axe over the console: more than the default 30 s on a loaded machine.
test.describe.configure({ timeout: 60_000 });

/** A bot whose handoffs go to a queue of this test's own, so other specs' handoffs in the organisation never mix in. */
async function handoffBot(request: APIRequestContext, name: string) {
  const queue = `${name}-${Date.now().toString(36)}`;
  const doc = scenario('handoff');
  doc.nodes.find((n: any) => n.id === 'human').queue = queue;
  return { bot: await publishBot(request, doc, name), queue };
}

/** A visitor who asks for a human through the visitor API (no page, so never "left"), saying `text`. */
async function askForHuman(
  request: APIRequestContext,
  bot: PublishedBot,
  queue: string,
  text: string,
): Promise<string> {
  const visitorId = Array.from({ length: 24 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const { token } = await (
    await request.post('/api/v1/visitor/session', { data: { botId: bot.id, visitorId } })
  ).json();
  const created = await request.post('/api/v1/visitor/handoffs', {
    headers: { Authorization: `Bearer ${token}` },
    data: { handoffKey: 'human@1', queue, timeoutAt: null, transcript: [{ from: 'visitor', text }], variables: {} },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).id;
}

test('the status reads as a state, "Available" or "Away", and the other one is a click or an arrow key away', async ({
  browser,
  request,
}) => {
  const manager = await managerConsole(browser, request, 'Noor');
  const m = manager.page;
  const status = statusControl(m);
  await expect(m.getByText('Status', { exact: true })).toBeVisible();
  // A new manager starts away; the state is the checked option, in words.
  await expect(status.away).toHaveAttribute('aria-checked', 'true');
  await expect(status.available).toHaveAttribute('aria-checked', 'false');

  await status.available.click();
  await expect(status.available).toHaveAttribute('aria-checked', 'true');
  await expect(status.away).toHaveAttribute('aria-checked', 'false');
  await m.screenshot({ path: '/tmp/h6-status-available.png', clip: { x: 0, y: 0, width: 1280, height: 60 } });
  await axeClean(m, 'status');

  // Kept on the server: a reload reads it back.
  await m.reload();
  await expect(status.available).toHaveAttribute('aria-checked', 'true');
  await status.available.focus();
  await m.keyboard.press('ArrowRight');
  await expect(status.away).toHaveAttribute('aria-checked', 'true');
  await expect(status.away).toBeFocused();
  await m.screenshot({ path: '/tmp/h6-status-away.png', clip: { x: 0, y: 0, width: 1280, height: 60 } });
  await manager.close();
});

test('the queue and the open task show the same waiting time, and both move on as time passes', async ({
  browser,
  request,
}) => {
  const { bot, queue } = await handoffBot(request, 'wait-time');
  const manager = await managerConsole(browser, request, 'Noor');
  const m = manager.page;
  await m.clock.install();
  await m.reload();

  await askForHuman(request, bot, queue, 'How long will this take?');
  const entry = m.getByRole('button', { name: /How long will this take\?/ });
  const header = m.getByRole('region', { name: 'Selected handoff' }).getByRole('heading', { level: 2 });
  await expect(entry).toContainText('waiting just now', { timeout: 10_000 });
  await entry.click();
  await expect(header).toContainText('Waiting just now');

  await m.clock.fastForward('03:10');
  await expect(entry).toContainText('waiting 3 min');
  await expect(header).toContainText('Waiting 3 min');

  await m.clock.fastForward('01:02:00');
  await expect(entry).toContainText('waiting 1 h 5 min');
  await expect(header).toContainText('Waiting 1 h 5 min');
  await m.screenshot({ path: '/tmp/h6-same-wait.png' });
  await manager.close();
});

test('a visitor who asks for a human and then closes the page shows "Visitor left" in the queue and the task, sorts last, and the manager closes it in one click', async ({
  browser,
  page,
  request,
}) => {
  // Two pages, a widget conversation, a grace period and two axe runs.
  test.setTimeout(120_000);
  const { bot, queue } = await handoffBot(request, 'left');
  const manager = await managerConsole(browser, request, 'Noor');
  const m = manager.page;

  await page.goto(await servePage(page, 'console-presence', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.choose('Talk to a human');
  await w.expectMessage('Connecting you to a person…');
  const gone = m.getByRole('button', { name: /Talk to a human/ }).filter({ hasText: queue });
  await expect(gone).toBeVisible({ timeout: 10_000 });
  await expect(gone).not.toContainText('Visitor left');
  // Someone who asked later but is still there.
  await askForHuman(request, bot, queue, 'Still here, thanks');
  const here = m.getByRole('button', { name: /Still here, thanks/ });
  await expect(here).toBeVisible({ timeout: 10_000 });
  await gone.click();
  const task = m.getByRole('region', { name: 'Selected handoff' });
  await expect(task.getByRole('log', { name: 'Conversation' })).toContainText('Talk to a human');

  await page.close();
  await expect(gone).toContainText(/Visitor left (just now|\d+ min ago)/, { timeout: 15_000 });
  await expect(task).toContainText(/Visitor left (just now|\d+ min ago) · they closed the page/);
  await expect(here).not.toContainText('Visitor left');
  // Those still waiting come first.
  const order = await m.getByRole('list').first().getByRole('button').allInnerTexts();
  const position = (text: string) => order.findIndex((t) => t.includes(queue) && t.includes(text));
  expect(position('Still here, thanks')).toBeGreaterThanOrEqual(0);
  expect(position('Still here, thanks')).toBeLessThan(position('Talk to a human'));
  await m.screenshot({ path: '/tmp/h6-visitor-left.png' });
  await axeClean(m, 'visitor left');

  await task.getByRole('button', { name: 'Close task' }).click();
  await expect(gone).toHaveCount(0);
  await expect(task).toContainText('unresolved');
  await expect(task).toContainText('Visitor left');
  await m.getByRole('button', { name: 'Closed' }).click();
  await expect(m.getByRole('button', { name: /Talk to a human/ }).filter({ hasText: queue })).toContainText(
    'unresolved',
  );
  await manager.close();
});
