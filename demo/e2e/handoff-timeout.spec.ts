import { expect, test } from './support/test.ts';
import { ADMIN, publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

test('a handoff nobody claims before its timeout times out on the server, and the bot continues at onTimeout', async ({
  page,
  request,
}) => {
  const doc = scenario('handoff');
  doc.nodes.find((n: any) => n.id === 'human').timeout = 'PT3S';
  const bot = await publishBot(request, doc, 'handoff timeout');
  await page.goto(await servePage(page, 'handoff-timeout', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  const created = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/visitor/handoffs'),
  );
  await w.choose('Talk to a human');
  await w.expectMessage('Connecting you to a person…');
  const { id } = await (await created).json();
  const timedOut = page.waitForRequest((r) => r.url().endsWith('/api/v1/visitor/ack'));

  const queue = await (await request.get('/api/v1/handoffs?status=waiting', { headers: ADMIN })).json();
  expect(queue.handoffs.map((h: any) => h.id)).toContain(id);

  // The server's h:timeout comes at ~3 s; the runtime's own fallback would wait 5 s more.
  await expect(w.messages.filter({ hasText: 'Sorry, nobody is free right now.' })).toHaveCount(1, { timeout: 7_000 });
  await timedOut;
  await w.expectMessage('Our team could not join right now. Let me help you in the meantime.');
  await w.expectMessage('Bye!');
  const closed = await (await request.get('/api/v1/handoffs?status=timeout', { headers: ADMIN })).json();
  expect(closed.handoffs.map((h: any) => h.id)).toContain(id);
});

test('when the server cannot be reached, the handoff goes to onTimeout at once, politely', async ({
  page,
  request,
  guard,
}) => {
  // The test refuses every visitor call on purpose: those refusals are what it is about.
  guard.allow(/^requestfailed \S+\/api\/v1\/visitor\/\S+ \w+ net::ERR_CONNECTION_REFUSED$/);
  const bot = await publishBot(request, scenario('handoff'), 'handoff down');
  await page.route('**/api/v1/visitor/**', (route) => route.abort('connectionrefused'));
  await page.goto(await servePage(page, 'handoff-down', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  const asked = Date.now();
  await w.choose('Talk to a human');
  await w.expectMessage('Sorry, nobody is free right now.');
  expect(Date.now() - asked).toBeLessThan(3_000);
  await w.expectMessage('Bye!');
  // The runtime's polite line for "no manager" comes first, then the onTimeout branch.
  const texts = await w.transcriptTexts();
  const polite = texts.indexOf('Our team could not join right now. Let me help you in the meantime.');
  expect(polite).toBeGreaterThan(-1);
  expect(texts.indexOf('Sorry, nobody is free right now.')).toBeGreaterThan(polite);
});
