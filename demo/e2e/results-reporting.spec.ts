import type { APIRequestContext, BrowserContext, Request } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { ADMIN, publishBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

// Results reporting in Chromium against the real server and the minified bundle: what an opted-in bot
// sends, what the owner then reads through GET /api/v1/bots/:id/results, and what a bot that did not opt
// in never sends. The landing pages are served on the server's origin (IndexedDB needs a real origin).

/** A lead bot: the phone number is a variable it sets but does not declare, so it must never leave the page. */
function leadBot(results?: object) {
  return {
    format: 'chatlet.scenario/1',
    name: 'Lead',
    locale: 'en',
    settings: { startOn: { type: 'open' }, typingDelay: 'PT0S', ...(results ? { results } : {}) },
    start: 'hello',
    nodes: [
      { id: 'hello', type: 'message', text: 'Hi there!', next: 'ask_name' },
      { id: 'ask_name', type: 'input', prompt: "What's your name?", var: 'name', input: 'text', next: 'ask_phone' },
      { id: 'ask_phone', type: 'input', prompt: 'Your phone?', var: 'phone', input: 'text', next: 'plan' },
      {
        id: 'plan',
        type: 'choice',
        prompt: 'Which plan, {{name}}?',
        var: 'plan',
        options: [
          { label: 'Basic', value: 'basic', next: 'bye' },
          { label: 'Team', value: 'team', next: 'bye' },
        ],
      },
      { id: 'bye', type: 'end', text: 'Thanks, {{name}}!' },
    ],
  };
}

const PHONE = '+1 555 010 7788';

// Each test publishes (compiles) a bot or two and talks to it: slow on two busy cores.
test.beforeEach(() => test.setTimeout(90_000));

/** Every request the context's pages make, with its body, including those sent while a page closes. */
function recordRequests(context: BrowserContext) {
  const seen: Request[] = [];
  context.on('request', (r) => seen.push(r));
  return seen;
}

/** The owner's view of a bot's results, once `ready` holds for it (reports travel on their own). */
async function ownerResults(request: APIRequestContext, botId: string, ready: (r: any[]) => boolean) {
  let results: any[] = [];
  await expect(async () => {
    const res = await request.get(`/api/v1/bots/${botId}/results`, { headers: ADMIN });
    expect(res.status()).toBe(200);
    results = (await res.json()).results;
    expect(ready(results)).toBe(true);
  }).toPass({ timeout: 15_000 });
  return results;
}

test('an opted-in bot reports the finished conversation, and the owner sees the lead with only the declared variables', async ({
  page,
  context,
  request,
}) => {
  const requests = recordRequests(context);
  const bot = await publishBot(request, leadBot({ collect: ['name', 'plan'] }), 'results-done');
  await page.goto(await servePage(page, 'results-done', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.answer(PHONE);
  await w.choose('Team');
  await w.expectMessage('Thanks, Dana!');

  const [result, ...others] = await ownerResults(request, bot.id, (r) => r.some((x) => x.completed));
  expect(others).toEqual([]);
  expect(result).toMatchObject({
    completed: true,
    handoff: false,
    lastNodeId: 'bye',
    path: ['hello', 'ask_name', 'ask_phone', 'plan', 'bye'],
    variables: { name: 'Dana', plan: 'team' },
  });
  const reports = requests.filter((r) => r.url().includes('/api/v1/visitor/results'));
  expect(reports.length).toBeGreaterThan(0);
  for (const r of reports) expect(r.headers()['content-type']).toBe('text/plain;charset=UTF-8');
  // The undeclared phone number is in no request the page made.
  expect(requests.filter((r) => (r.postData() ?? '').includes(PHONE)).map((r) => r.url())).toEqual([]);
});

test('a visitor who closes the tab mid-way shows up as an abandoned result at the node they left', async ({
  context,
  request,
}) => {
  const requests = recordRequests(context);
  const bot = await publishBot(request, leadBot({ collect: ['name', 'plan'] }), 'results-closed');
  const page = await context.newPage();
  await page.goto(await servePage(page, 'results-closed', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.answer(PHONE);
  await expect(w.option('Team')).toBeVisible();
  await page.close();

  const [result] = await ownerResults(request, bot.id, (r) => r.length == 1);
  expect(result).toMatchObject({
    completed: false,
    lastNodeId: 'plan',
    path: ['hello', 'ask_name', 'ask_phone', 'plan'],
    variables: { name: 'Dana' },
  });
  expect(requests.filter((r) => (r.postData() ?? '').includes(PHONE))).toEqual([]);
});

/**
 * The page's own network log: every fetch and beacon, kept in localStorage, so it outlives the page.
 * Playwright does not report the requests a page makes while it unloads, which are the ones in question.
 */
const NET_LOG = `<script>(() => {
  const log = (m, u) => (localStorage.net = (localStorage.net || '') + m + ' ' + new URL(u, location.href).pathname + '\\n');
  const f = window.fetch;
  window.fetch = (u, i) => (log((i && i.method) || 'GET', String(u)), f(u, i));
  const b = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (u, d) => (log('BEACON', String(u)), b(u, d));
})()</script>`;

test('a bot that did not opt in sends no request after its bundle, neither while talking nor when the visitor leaves the page', async ({
  page,
  request,
}) => {
  const quiet = await publishBot(request, leadBot(), 'results-none');
  // The same conversation on a bot that reports, left the same way: its report shows that leaving is heard.
  const loud = await publishBot(request, leadBot({ collect: ['name'] }), 'results-control');
  const logPage = await servePage(page, 'results-log', '<!doctype html><title>log</title>');
  const sent: Record<string, string[]> = {};
  for (const bot of [quiet, loud]) {
    const requests: string[] = [];
    const record = (r: Request) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    page.on('request', record);
    await page.goto(await servePage(page, `results-${bot.id}`, landingHtml({ head: NET_LOG, bots: [bot.id] })));
    const w = new BotWidget(page, bot.id);
    await w.open();
    await w.answer('Dana');
    await expect(w.textbox).toBeVisible();
    await page.goto(logPage);
    page.off('request', record);
    const log: string = await page.evaluate(() => ((localStorage.net || '') as string) + (localStorage.net = ''));
    sent[bot.id] = [
      ...requests.slice(requests.indexOf(`GET ${bot.script}`) + 1, requests.indexOf(`GET ${logPage}`)),
      ...log.split('\n').filter(Boolean),
    ];
  }
  expect(sent[quiet.id]).toEqual([]);
  expect(sent[loud.id]).toContain('POST /api/v1/visitor/results');
  await ownerResults(request, loud.id, (r) => r.length == 1);
});

test('Chatlet.forget() erases the visitor’s result for the owner and puts the widget back at its start', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, leadBot({ collect: ['name', 'plan'] }), 'results-forget');
  await page.goto(await servePage(page, 'results-forget', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.answer(PHONE);
  await w.choose('Basic');
  await w.expectMessage('Thanks, Dana!');
  await ownerResults(request, bot.id, (r) => r.length == 1);

  await page.evaluate(() => (window as any).Chatlet.forget());
  await ownerResults(request, bot.id, (r) => r.length == 0);
  await expect(w.transcript).toBeHidden();
  await expect(w.launcher).toBeVisible();
  await page.screenshot({ path: '/tmp/r2-forget.png' });
  // Nothing of the conversation comes back on a reload; opening the chat starts a new one.
  await page.reload();
  await w.open();
  await w.expectMessage('Hi there!');
  expect(await w.transcriptTexts()).not.toContain('Thanks, Dana!');
});
