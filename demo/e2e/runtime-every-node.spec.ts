import { expect, test } from '@playwright/test';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { testEndpoint } from './support/endpoint.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

// demo/e2e/scenarios/every-node.json uses every node type but handoff (which needs the server).

/** The transcript a visitor reads, in order. The split puts each visitor in group A or B. */
const EXPECTED: (string | RegExp)[] = [
  'Welcome to the tour. See our docs.',
  "What's your name?",
  'D',
  'Two to twenty characters, please.',
  'Dana',
  'Your email, Dana?',
  'dana at example',
  'That is not an email address.',
  'dana@example.com',
  'How many seats?',
  'lots',
  'A number from 1 to 500, please.',
  '0',
  'A number from 1 to 500, please.',
  '12',
  'Your invite code?',
  'ab-1234',
  'Codes look like AB-1234.',
  'AB-1234',
  'Start date?',
  '14/03/2026',
  'As YYYY-MM-DD, please.',
  '2026-03-14',
  'Phone?',
  'call me',
  // No retryText on this input: the widget's own words.
  "That doesn't look right. Please check and try again.",
  '+1 555 010 2030',
  'Website?',
  'acme.example',
  'A link starting with https://, please.',
  'https://acme.example',
  'Which plan?',
  'Team',
  'Any add-ons?',
  'SSO, Priority support',
  'SSO it is, on the team plan.',
  'What would you like to know?',
  "what's the prise?",
  'Team is $99 a month.',
  'Company name?',
  'Acme',
  'Keep reservation R-3?',
  'Cancel it',
  'Reservation cancelled.',
  'Give me five seconds…',
  /^Payment A-1042 received\. Group [AB], score 40, segment big, lead L-7, company Acme, add-ons sso, support, topic: what's the prise\?\.$/,
  'Bye, Dana!',
];

test('a conversation through every node type matches its transcript, and after the bundle only its own http calls reach the network', async ({ page, request }) => {
  const bot = await publishBot(request, scenario('every-node'), 'every node');
  const api = await testEndpoint(page, (call) => {
    if (call.path === 'leads') return { status: 200, body: { data: { id: 'L-7' } } };
    if (call.path === 'reserve') return { status: 201, body: { id: 'R-3' } };
    return { status: 200, body: {} };
  });
  const requests: { method: string; url: string }[] = [];
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.clock.install();
  await page.goto(await servePage(page, 'every-node', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();

  // Markdown-lite and the image, in the first message.
  const first = w.messages.first();
  await expect(first.locator('b, strong')).toHaveText('Welcome');
  await expect(first.locator('i, em')).toHaveText('tour');
  await expect(first.getByRole('link', { name: 'our docs' })).toHaveAttribute('href', 'https://docs.acme.example/start');
  await expect(first.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);

  const retried = async (bad: string, retryText: string, good: string) => {
    await w.answer(bad);
    await w.expectMessage(retryText);
    await w.answer(good);
  };
  await w.expectMessage("What's your name?");
  await retried('D', 'Two to twenty characters, please.', 'Dana');
  await w.expectMessage('Your email, Dana?');
  await retried('dana at example', 'That is not an email address.', 'dana@example.com');
  await w.expectMessage('How many seats?');
  await w.answer('lots');
  await expect(w.messages.filter({ hasText: 'A number from 1 to 500, please.' })).toHaveCount(1);
  await retried('0', 'A number from 1 to 500, please.', '12');
  await w.expectMessage('Your invite code?');
  await retried('ab-1234', 'Codes look like AB-1234.', 'AB-1234');
  await w.expectMessage('Start date?');
  await retried('14/03/2026', 'As YYYY-MM-DD, please.', '2026-03-14');
  await w.expectMessage('Phone?');
  await retried('call me', "That doesn't look right.", '+1 555 010 2030');
  await w.expectMessage('Website?');
  await retried('acme.example', 'A link starting with https://, please.', 'https://acme.example');

  await w.choose('Team');
  await w.expectMessage('Any add-ons?');
  await expect(w.doneButton).toBeDisabled();
  await w.option('SSO').click();
  await expect(w.option('SSO')).toHaveAttribute('aria-pressed', 'true');
  await w.option('Audit log').click();
  await w.option('Audit log').click();
  await expect(w.option('Audit log')).toHaveAttribute('aria-pressed', 'false');
  await w.option('Priority support').click();
  await w.doneButton.click();

  await w.expectMessage('What would you like to know?');
  await w.answer("what's the prise?");
  await w.expectMessage('Team is $99 a month.');
  // The parallel's input asks while its script branch has already finished.
  await w.expectMessage('Company name?');
  await w.answer('Acme');
  await w.expectMessage('Keep reservation R-3?');
  await w.choose('Cancel it');
  await w.expectMessage('Reservation cancelled.');
  await w.expectMessage('Give me five seconds…');

  // The delay holds the conversation until its due time, then the wait takes over.
  const at = async () => (await recordedEvents(page)).state.at(-1)?.at ?? [];
  expect(await at()).toEqual(['pause']);
  await page.clock.runFor(5_100);
  await expect.poll(at).toEqual(['wait_pay']);

  await page.evaluate(() => (window as any).Chatlet.send('paid', { order: 'A-1042' }));
  await w.expectMessage('Bye, Dana!');

  const texts = await w.transcriptTexts();
  expect(texts).toHaveLength(EXPECTED.length);
  EXPECTED.forEach((want, i) => (typeof want === 'string' ? expect(texts[i]).toBe(want) : expect(texts[i]).toMatch(want)));
  await expect(w.textbox).toHaveCount(0);

  const events = await recordedEvents(page);
  expect(events.end).toHaveLength(1);
  expect(events.end[0].variables).toMatchObject({
    name: 'Dana', email: 'dana@example.com', seats: 12, code: 'AB-1234', start_date: '2026-03-14', phone: '+1 555 010 2030',
    site: 'https://acme.example', plan: 'team', addons: ['sso', 'support'], segment: 'big', question: "what's the prise?",
    lead_id: 'L-7', score: 40, company: 'Acme', reservation: 'R-3', order: 'A-1042',
  });
  expect(events.error).toEqual([]);
  expect(events.message.map((m) => m.text)).toHaveLength(EXPECTED.length);

  // The service calls, in order, each carrying its node visit's key; rollback undid the reservation.
  expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST leads', 'POST reserve', 'DELETE reserve/R-3']);
  expect(JSON.parse(api.calls[0].body!)).toEqual({ name: 'Dana', email: 'dana@example.com' });
  for (const c of api.calls) expect(c.key).toMatch(new RegExp(`:${bot.id}:`));

  // The network log: after the bundle, only the http nodes' own endpoint.
  const bundleAt = requests.findIndex((r) => new URL(r.url).pathname === bot.script);
  expect(bundleAt).toBeGreaterThan(-1);
  const after = requests.slice(bundleAt + 1).filter((r) => !r.url.startsWith('data:'));
  expect(after.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
    'POST /t/api/leads',
    'POST /t/api/reserve',
    'DELETE /t/api/reserve/R-3',
  ]);
  expect(pageErrors).toEqual([]);
});
