import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget, savedRecord } from './support/bot-widget.ts';
import { testEndpoint } from './support/endpoint.ts';
import { embedTag, landingHtml, servePage } from './support/pages.ts';

/** docs/js-api.md, whose examples these tests run as written. */
const DOC = readFileSync(new URL('../../docs/js-api.md', import.meta.url), 'utf8');

/** The code blocks of the doc in one language, in order. */
const blocks = (lang: string) =>
  [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

/** The one example block containing `marker`. */
function example(marker: string, lang = 'js'): string {
  const found = blocks(lang).filter((b) => b.includes(marker));
  expect(found, `docs/js-api.md has one ${lang} example with ${marker}`).toHaveLength(1);
  return found[0];
}

/** The stub snippet exactly as the doc prints it (the html block that loads a bot, without that tag). */
const STUB = example('Chatlet.q.push', 'html').replace(/<script src="[^"]*BOT_ID\.js" async><\/script>\s*/, '');

const runExample = (page: Page, code: string) => page.addScriptTag({ content: code });
const bot = (page: Page, id: string) => page.evaluate((i) => !!(window as any).Chatlet?.bots?.[i], id);

test('the examples of docs/js-api.md open the chat from a page button, send a page event, report the end and incidents', async ({
  page,
  request,
  guard,
}) => {
  // The receipt service answers 500 on purpose: the incident the doc's on('error') example reports.
  guard.allow(/^response \S+\/t\/api\/receipt POST 500$/);
  const sales = await publishBot(request, scenario('js-api'), 'sales');
  const api = await testEndpoint(page, () => ({ status: 500, body: { error: 'down' } }));
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const body = '<main><h1>Pricing</h1><button id="talk-to-us" type="button">Talk to us</button></main>';
  await page.goto(await servePage(page, 'js-api', landingHtml({ bots: [sales.id], body })));
  await expect.poll(() => bot(page, sales.id)).toBe(true);

  await runExample(page, example("querySelector('#talk-to-us')"));
  await runExample(page, example("Chatlet.on('end'"));
  await runExample(page, example("Chatlet.on('error'"));

  const w = new BotWidget(page, sales.id);
  await expect(w.transcript).toHaveCount(0);
  await page.getByRole('button', { name: 'Talk to us' }).click();
  await expect(w.transcript).toBeVisible();
  await w.choose('Team');
  await w.expectMessage("Pay on the page; I'll wait.");

  await runExample(page, example("Chatlet.send('paid'"));
  await w.expectMessage('Thanks for order A-1042.');
  expect(await page.evaluate(() => (window as any).Chatlet.variables())).toMatchObject({
    plan: 'team',
    order: 'A-1042',
  });
  expect(await page.evaluate(() => (window as any).dataLayer)).toEqual([{ event: 'chatlet_lead', plan: 'team' }]);
  // The receipt service failed: an incident, reported to the page's handler, and the bot went on.
  expect(api.calls).toHaveLength(1);
  expect(warnings).toEqual([expect.stringMatching(/^Chatlet: http\.failed /)]);
});

test('calls made through the stub snippet before the bundle loads are queued and replayed on the bot', async ({
  page,
  request,
}) => {
  const sales = await publishBot(request, scenario('js-api'), 'stub');
  const early = `<script>
    window.got = [];
    Chatlet.on('message', function (m) { got.push(m.from + ': ' + m.text); });
    Chatlet.open();
    window.before = { loaded: !!Chatlet.bots['${sales.id}'], variables: Chatlet.variables(), unsubscribe: Chatlet.on('state', function () {}) };
  </script>`;
  // The stub and the early calls come before the bot's tag, as the doc says.
  await page.goto(await servePage(page, 'stub', landingHtml({ head: STUB + early + embedTag(sales.id) })));
  const w = new BotWidget(page, sales.id);

  // The queued open() opened the chat and started the conversation; the queued on() heard it.
  await expect(w.transcript).toBeVisible();
  await expect(w.option('Team')).toBeVisible();
  expect(await page.evaluate(() => (window as any).got)).toEqual(['bot: Hi from sales.', 'bot: Which plan?']);
  expect(await page.evaluate(() => (window as any).before)).toEqual({ loaded: false });
  expect(await page.evaluate(() => typeof (window as any).Chatlet.bots)).toBe('object');
  expect(await page.evaluate(() => (window as any).Chatlet.q)).toBeUndefined();
});

test('on() returns an unsubscribe function, variables() is a copy, close() hides the chat and reset() starts over', async ({
  page,
  request,
}) => {
  const sales = await publishBot(request, scenario('js-api'), 'api calls');
  // send('paid') below reaches the bot's receipt call: it needs a service that answers.
  await testEndpoint(page);
  await page.goto(await servePage(page, 'api-calls', landingHtml({ bots: [sales.id] })));
  await expect.poll(() => bot(page, sales.id)).toBe(true);
  const w = new BotWidget(page, sales.id);

  await page.evaluate(() => {
    const C = (window as any).Chatlet;
    (window as any).heard = [];
    (window as any).stop = C.on('message', (m: any) => (window as any).heard.push(m.text));
    C.open();
  });
  await w.choose('Basic');
  await w.expectMessage("Pay on the page; I'll wait.");
  await page.evaluate(() => (window as any).stop());

  const copy = await page.evaluate(() => {
    const C = (window as any).Chatlet;
    const v = C.variables();
    v.plan = 'tampered';
    return C.variables().plan;
  });
  expect(copy).toBe('basic');

  await page.evaluate(() => (window as any).Chatlet.close());
  await expect(w.transcript).toHaveCount(0);
  await expect(w.launcher).toBeVisible();
  // Closed, the conversation still hears page events.
  await page.evaluate(() => (window as any).Chatlet.send('paid', { order: 'B-7' }));
  await expect.poll(() => page.evaluate(() => (window as any).Chatlet.variables().order)).toBe('B-7');
  expect(await page.evaluate(() => (window as any).heard)).toEqual([
    'Hi from sales.',
    'Which plan?',
    'Basic',
    "Pay on the page; I'll wait.",
  ]);

  await page.evaluate(() => (window as any).Chatlet.reset());
  await w.open();
  await expect(w.option('Team')).toBeVisible();
  expect(await w.transcriptTexts()).toEqual(['Hi from sales.', 'Which plan?']);
  expect(await page.evaluate(() => (window as any).Chatlet.variables())).toEqual({ order: '' });
});

test('two bots on one page, addressed through Chatlet.bots as the doc shows, keep separate transcripts, variables, storage and events', async ({
  page,
  request,
}) => {
  const sales = await publishBot(request, scenario('js-api'), 'b_sales');
  const support = await publishBot(request, scenario('short-chat'), 'b_support');
  const logs: string[] = [];
  page.on('console', (m) => m.type() === 'log' && logs.push(m.text()));
  await page.goto(await servePage(page, 'two-bots', landingHtml({ bots: [sales.id, support.id] })));
  await expect.poll(() => Promise.all([bot(page, sales.id), bot(page, support.id)])).toEqual([true, true]);

  const code = example("Chatlet.bots['b_sales']")
    .replaceAll("'b_sales'", `'${sales.id}'`)
    .replaceAll("'b_support'", `'${support.id}'`);
  await runExample(page, code);
  const s = new BotWidget(page, sales.id);
  const h = new BotWidget(page, support.id);
  await expect(s.transcript).toBeVisible();
  await expect(h.transcript).toHaveCount(0);
  await expect(s.option('Team')).toBeVisible();

  // One chat open at a time, as a visitor would have it; the last test checks the launchers' placement.
  const call = (id: string, m: string) => page.evaluate(([i, k]) => (window as any).Chatlet.bots[i][k](), [id, m]);
  await call(sales.id, 'close');
  await call(support.id, 'open');
  await h.answer('Dana');
  await h.expectMessage('Which plan, Dana?');
  expect(await h.transcriptTexts()).toEqual(['Hi there!', "What's your name?", 'Dana', 'Which plan, Dana?']);
  await call(support.id, 'close');
  await call(sales.id, 'open');
  await s.choose('Team');
  await s.expectMessage("Pay on the page; I'll wait.");
  expect(await s.transcriptTexts()).toEqual(['Hi from sales.', 'Which plan?', 'Team', "Pay on the page; I'll wait."]);

  expect(logs).toEqual([
    'support says Hi there!',
    "support says What's your name?",
    'support says Dana',
    'support says Which plan, Dana?',
  ]);
  const vars = await page.evaluate(
    ([a, b]) => [(window as any).Chatlet.bots[a].variables(), (window as any).Chatlet.bots[b].variables()],
    [sales.id, support.id],
  );
  expect(vars[0]).toEqual({ order: '', plan: 'team' });
  expect(vars[1]).toEqual({ name: 'Dana' });

  // One record per bot, each holding only its own conversation.
  await expect.poll(async () => (await savedRecord(page, sales.id))?.s?.context?.t?.length).toBe(4);
  await expect.poll(async () => (await savedRecord(page, support.id))?.s?.context?.t?.length).toBe(4);
  expect(JSON.stringify(await savedRecord(page, sales.id))).not.toContain('Dana');

  // After a reload each comes back as it was: sales open, support closed.
  await page.reload();
  await expect(s.messages).toHaveCount(4);
  expect(await s.transcriptTexts()).toEqual(['Hi from sales.', 'Which plan?', 'Team', "Pay on the page; I'll wait."]);
  await expect(h.transcript).toHaveCount(0);
  await call(sales.id, 'close');
  await call(support.id, 'open');
  await expect(h.option('Basic')).toBeVisible();
  expect(await h.transcriptTexts()).toEqual(['Hi there!', "What's your name?", 'Dana', 'Which plan, Dana?']);
});

// Every bubble used to sit 20 px from the bottom right corner, so a second bot's launcher covered
// the first; the runtime now places each further bubble to the left of the one before.
test('two bubble bots on one page each keep a launcher the visitor can click', async ({ page, request }) => {
  const sales = await publishBot(request, scenario('js-api'), 'bubble one');
  const support = await publishBot(request, scenario('short-chat'), 'bubble two');
  await page.goto(await servePage(page, 'two-bubbles', landingHtml({ bots: [sales.id, support.id] })));
  for (const id of [sales.id, support.id]) {
    const w = new BotWidget(page, id);
    await expect(w.launcher).toBeVisible();
    // What a click at the launcher's centre would hit: this bot's host, not the other one's.
    const box = (await w.launcher.boundingBox())!;
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.getAttribute('data-chatlet'),
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(hit, `the launcher of ${id} is on top at its own centre`).toBe(id);
  }
});
