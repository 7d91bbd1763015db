import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { testEndpoint } from './support/endpoint.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';
import { EXPECTED, everyNodeEndpoint, expectEveryNodeTranscript, talkThroughEveryNode } from './support/every-node.ts';

// demo/e2e/scenarios/every-node.json uses every node type but handoff (which needs the server).

test('a conversation through every node type matches its transcript, and after the bundle only its own http calls reach the network', async ({
  page,
  request,
}) => {
  // Fifty steps through a real browser and server: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const bot = await publishBot(request, scenario('every-node'), 'every node');
  const api = await testEndpoint(page, everyNodeEndpoint);
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
  await expect(first.getByRole('link', { name: 'our docs' })).toHaveAttribute(
    'href',
    'https://docs.acme.example/start',
  );
  await expect(first.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);

  await talkThroughEveryNode(page, w);
  await expectEveryNodeTranscript(w);
  await expect(w.textbox).toHaveCount(0);

  const events = await recordedEvents(page);
  expect(events.end).toHaveLength(1);
  expect(events.end[0].variables).toMatchObject({
    name: 'Dana',
    email: 'dana@example.com',
    seats: 12,
    code: 'AB-1234',
    start_date: '2026-03-14',
    phone: '+1 555 010 2030',
    site: 'https://acme.example',
    plan: 'team',
    addons: ['sso', 'support'],
    segment: 'big',
    question: "what's the prise?",
    lead_id: 'L-7',
    score: 40,
    company: 'Acme',
    reservation: 'R-3',
    order: 'A-1042',
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
