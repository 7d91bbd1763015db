import { expect, test } from './support/test.ts';
import { ADMIN, publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { axeClean, managerConsole, statusControl } from './support/console.ts';
import { landingHtml, servePage } from './support/pages.ts';

test('a visitor asks for a human; a manager in the console claims, they talk both ways, the manager resolves with a variable the bot then uses, and the KPIs count it', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(90_000);
  // A queue of its own, so a handoff another spec opens in the same organisation is not taken for ours.
  const queue = `sales-${Date.now().toString(36)}`;
  const doc = scenario('handoff');
  doc.nodes.find((n: any) => n.id === 'human').queue = queue;
  const bot = await publishBot(request, doc, 'handoff console');
  const manager = await managerConsole(browser, request);
  const m = manager.page;
  const status = statusControl(m);
  await status.available.click();
  await expect(status.available).toHaveAttribute('aria-checked', 'true');

  await page.goto(await servePage(page, 'handoff-console', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.choose('Talk to a human');
  await w.expectMessage('Connecting you to a person…');

  // The queue shows it live (no reload), with its waiting time ticking.
  const entry = m.getByRole('button', { name: /Talk to a human/ }).filter({ hasText: queue });
  await expect(entry).toBeVisible({ timeout: 10_000 });
  await expect(entry).toContainText(/waiting just now/);
  await axeClean(m, 'queue');
  await entry.click();
  await expect(m.getByRole('log', { name: 'Conversation' })).toContainText("Hi! I'm the bot.");
  await m.getByRole('button', { name: 'Claim' }).click();
  await w.expectMessage('Mia joined the chat');

  const reply = m.getByRole('textbox', { name: 'Message to the visitor' });
  await expect(reply).toBeFocused();
  await reply.fill('Hi! How can I help?');
  await reply.press('Enter');
  await w.expectMessage('Hi! How can I help?');

  await w.answer('Can I get a discount?');
  await expect(
    m.getByRole('log', { name: 'Conversation' }).getByRole('listitem').filter({ hasText: 'Can I get a discount?' }),
  ).toBeVisible();
  await axeClean(m, 'chat');

  await m.getByLabel('Variable 1 name').fill('discount');
  await m.getByLabel('Variable 1 value').fill('15');
  await m.getByLabel('Note (for the team, not the visitor)').fill('Annual plan');
  await m.getByRole('button', { name: 'Resolve' }).click();
  // The bot asks for a rating first, then carries on at the node's next with the manager's variable.
  await w.expectMessage('How would you rate the help you got?');
  await w.choose('5 ★');
  await w.expectMessage('Welcome back! Your discount is 15%.');
  await w.expectMessage('Bye!');

  await m.getByRole('button', { name: 'KPIs' }).click();
  const row = m.getByRole('row', { name: /Mia/ });
  await expect(row).toContainText('5.0 / 5 (1)', { timeout: 10_000 });
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  await axeClean(m, 'kpis');
  const kpis = await (await request.get('/api/v1/kpis', { headers: ADMIN })).json();
  expect(kpis.managers.find((k: any) => k.name === 'Mia')).toMatchObject({
    resolved: expect.any(Number),
    averageRating: expect.any(Number),
  });
  await manager.close();
});
