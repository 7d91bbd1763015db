import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { ADMIN, publishBot, type PublishedBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * The real Camunda samples (shared/fixtures/bpmn, beside the repo), each imported through the REST
 * API as the builder does, published, and run in Chromium along its happy path. The expectations
 * mirror "the real Camunda files run their happy path" in compiler/phases/1-parse/bpmn/bpmn.test.ts.
 */
const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/bpmn/', import.meta.url));
const SAMPLES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.bpmn'))
  .sort();

/** Where the importer points a service task without a `url` header. */
const PLACEHOLDER = 'https://example.com/replace-me/';

/** One visitor's page with the bot on it: the widget, its events, and the service tasks it called. */
interface Visit {
  page: Page;
  w: BotWidget;
  /** service-task names (the placeholder URL's last part), in the order the page called them */
  calls: string[];
  /** delivers a page event with the JS API, as a landing page would */
  send(event: string, data?: Record<string, unknown>): Promise<void>;
  /** the active node ids the bot last reported */
  at(): Promise<string[]>;
  /** how many times the bot reported reaching an end */
  ends(): Promise<number>;
  /** page time since the node became active */
  waitedAt(node: string): Promise<number>;
  /** the page's own time (Date.now) when each node first became active, and when the end came */
  times(): Promise<{ entered: Record<string, number>; end: number }>;
}

interface Run {
  bot: PublishedBot;
  request: APIRequestContext;
  /** a fresh visitor (own context, so own storage) on a landing page with the bot; `clock` pauses the page's time */
  visit(options?: { clock?: boolean }): Promise<Visit>;
}

/** Each sample's happy path, as a visitor's browser lives it. A sample missing here fails its test. */
const HAPPY_PATHS: Record<string, { what: string; run(r: Run): Promise<void> }> = {
  'hello-world.bpmn': {
    what: 'calls its one service task once and ends',
    async run({ visit }) {
      const v = await visit();
      await v.w.open();
      await expect.poll(v.ends).toBe(1);
      expect(v.calls).toEqual(['console-log']);
    },
  },

  'Worker-Failure-Retries.bpmn': {
    what: 'calls its service task once and ends',
    async run({ visit }) {
      const v = await visit();
      await v.w.open();
      await expect.poll(v.ends).toBe(1);
      expect(v.calls).toEqual(['service-task-worker-failure-retries']);
    },
  },

  'conditional-pathway.bpmn': {
    what: 'with conditionVariable unset takes the last branch, Path B, and ends',
    async run({ visit }) {
      const v = await visit();
      await v.w.open();
      await expect.poll(v.ends).toBe(1);
      expect(v.calls).toEqual(['wait', 'pathB']);
    },
  },

  'await-outcome.bpmn': {
    what: 'holds at its 1 s timer for about a second, then ends',
    async run({ visit }) {
      const v = await visit({ clock: true });
      await v.w.open();
      await expect.poll(v.at).toEqual(['IntermediateCatchEvent_1y9tvcp']);
      // The page's time is paused: none of the second has passed yet.
      expect(await v.waitedAt('IntermediateCatchEvent_1y9tvcp')).toBe(0);
      await v.page.clock.runFor(900);
      expect(await v.ends()).toBe(0);
      await v.page.clock.runFor(200);
      await expect.poll(v.ends).toBe(1);
      // In the page's own time, from entering the timer to the end: a second (the state event that
      // says the timer started comes a few ms after the timer was set).
      const { entered, end } = await v.times();
      expect(end - entered.IntermediateCatchEvent_1y9tvcp).toBeGreaterThanOrEqual(950);
      expect(end - entered.IntermediateCatchEvent_1y9tvcp).toBeLessThan(1_050);
    },
  },

  'message-correlation-test.bpmn': {
    what: 'waits at the message catch event until the page sends the message, then ends with its data',
    async run({ visit }) {
      const v = await visit();
      await v.w.open();
      await expect.poll(v.at).toEqual(['Event_11031ys']);
      await v.send('MESSAGE_CORRELATION_TEST_CATCH', { orderId: 1 });
      await expect.poll(v.ends).toBe(1);
      const { end } = await recordedEvents(v.page);
      expect(end[0].variables).toMatchObject({ orderId: 1 });
    },
  },

  'Client-DeployWorkflow.bpmn': {
    what: 'continues past the event-based gateway with the message, or after 5 s with the timer',
    async run({ visit }) {
      const early = await visit({ clock: true });
      await early.w.open();
      await expect.poll(early.at).toEqual(['ExclusiveGateway_0wne7eb']);
      expect(early.calls).toEqual(['demo-service']);
      await early.send('Message_In');
      await expect.poll(early.ends).toBe(1);
      expect(early.calls).toEqual(['demo-service', 'process-message']);

      const late = await visit({ clock: true });
      await late.w.open();
      await expect.poll(late.at).toEqual(['ExclusiveGateway_0wne7eb']);
      expect(await late.waitedAt('ExclusiveGateway_0wne7eb')).toBe(0);
      await late.page.clock.runFor(4_500);
      expect(await late.ends()).toBe(0);
      expect(late.calls).toEqual(['demo-service']);
      await late.page.clock.runFor(600);
      await expect.poll(late.ends).toBe(1);
      expect(late.calls).toEqual(['demo-service', 'time-out']);
      const { entered } = await late.times();
      expect(entered.ServiceTask_1rszkg1 - entered.ExclusiveGateway_0wne7eb).toBeGreaterThanOrEqual(4_950);
      expect(entered.ServiceTask_1rszkg1 - entered.ExclusiveGateway_0wne7eb).toBeLessThan(5_050);
    },
  },

  'modeller7File.bpmn': {
    what: '(cut short in the original) starts on its message, runs both parallel branches, meets at the join and ends',
    async run({ visit }) {
      const v = await visit();
      await expect.poll(() => v.page.evaluate(() => typeof (window as any).Chatlet.variables())).toBe('object');
      expect(await v.at()).toEqual([]);
      expect(v.calls).toEqual([]);

      await v.send('account-finalsum1-completed');
      await expect.poll(() => [...v.calls].sort()).toEqual(['product1', 'sum1']);
      await expect
        .poll(async () => (await v.at()).sort())
        .toEqual(['IntermediateCatchEvent_0b3xa7f', 'IntermediateCatchEvent_0yl46ns']);

      // One branch done: the join still waits for the other, and only that node is reported active.
      await v.send('account-sum1-completed');
      await expect.poll(v.at).toEqual(['IntermediateCatchEvent_0yl46ns']);
      expect(v.calls).toHaveLength(2);

      await v.send('account-product1-completed');
      await expect.poll(v.at).toEqual(['IntermediateCatchEvent_1r1egx2']);
      expect(v.calls.slice(2)).toEqual(['finalsum']);

      await v.send('finalsum-computed');
      await expect.poll(v.ends).toBe(1);
      expect(v.calls).toHaveLength(3);
    },
  },

  'zeebe-user-task.bpmn': {
    what: 'hands the visitor to a person in the queue, and ends once a manager resolves it and the visitor rates the help',
    async run({ bot, request, visit }) {
      const v = await visit();
      const created = v.page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/visitor/handoffs'),
      );
      await v.w.open();
      const { id } = await (await created).json();

      const waiting = await (await request.get('/api/v1/handoffs?status=waiting', { headers: ADMIN })).json();
      expect(waiting.handoffs.find((h: any) => h.id === id)).toMatchObject({ botId: bot.id, status: 'waiting' });
      expect(await v.at()).toEqual(['Activity_1d6heog']);
      expect(await v.ends()).toBe(0);

      const claimed = await request.post(`/api/v1/handoffs/${id}/claim`, { headers: ADMIN });
      expect(claimed.status(), await claimed.text()).toBe(200);
      const resolved = await request.post(`/api/v1/handoffs/${id}/resolve`, {
        headers: ADMIN,
        data: { outcome: 'resolved' },
      });
      expect(resolved.status(), await resolved.text()).toBe(200);
      // The visitor is told, rates the help, and the bot goes on to the end event.
      await v.w.expectMessage('Support team joined the chat');
      await v.w.expectMessage('How would you rate the help you got?');
      expect(await v.ends()).toBe(0);
      await v.w.choose('5 ★');
      await expect.poll(v.ends).toBe(1);
      const closed = await (await request.get(`/api/v1/handoffs/${id}`, { headers: ADMIN })).json();
      expect(closed).toMatchObject({ status: 'resolved', rating: 5 });
    },
  },
};

/** Notes the page's time when each node first becomes active and when the end comes (after EVENT_RECORDER's stub). */
const TIME_RECORDER = `<script>
window.__times={entered:{},end:0};
Chatlet.on('state',function(s){s.at.forEach(function(k){if(!(k in __times.entered))__times.entered[k]=Date.now()})});
Chatlet.on('end',function(){__times.end=Date.now()});
</script>`;

/** Opens a fresh visitor's page: the samples' placeholder services answered and counted, the bot's events recorded. */
async function openVisit(browser: Browser, bot: PublishedBot, clock: boolean): Promise<Visit> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const calls: string[] = [];
  await page.route(`${PLACEHOLDER}**`, async (route) => {
    const req = route.request();
    const cors = {
      'Access-Control-Allow-Origin': req.headers().origin ?? '*',
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Allow-Methods': '*',
    };
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    calls.push(req.url().slice(PLACEHOLDER.length));
    await route.fulfill({ status: 200, contentType: 'application/json', headers: cors, body: '{"ok":true}' });
  });
  // Paused before the page loads: the page's time moves only with page.clock.runFor, so a timer's
  // checks do not race the real time a busy machine takes (the bundle starts up without timers).
  if (clock) {
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 60_000);
  }
  await page.goto(await servePage(page, 'bpmn', landingHtml({ head: EVENT_RECORDER + TIME_RECORDER, bots: [bot.id] })));
  const events = () => recordedEvents(page);
  return {
    page,
    w: new BotWidget(page, bot.id),
    calls,
    send: (event, data) =>
      page.evaluate(([id, e, d]) => (window as any).Chatlet.bots[id as string].send(e, d), [
        bot.id,
        event,
        data,
      ] as const),
    at: async () => (await events()).state.at(-1)?.at ?? [],
    ends: async () => (await events()).end.length,
    // A little ahead of the page's time, which flows on while this call travels.
    times: () => page.evaluate(() => (window as any).__times),
    waitedAt: (node) => page.evaluate((n) => Date.now() - (window as any).__times.entered[n], node),
  };
}

for (const file of SAMPLES) {
  const path = HAPPY_PATHS[file];
  test(`${file} imports through the REST API, publishes without errors, and ${path?.what ?? 'runs a known happy path'}`, async ({
    browser,
    request,
  }) => {
    test.setTimeout(60_000);
    expect(path, `${file} needs a happy path in HAPPY_PATHS`).toBeDefined();

    const imported = await request.post('/api/v1/import/bpmn', {
      headers: { ...ADMIN, 'Content-Type': 'application/xml' },
      data: readFileSync(FIXTURES + file, 'utf8'),
    });
    expect(imported.status(), await imported.text()).toBe(200);
    const { scenario, diagnostics } = await imported.json();
    expect(diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    const compiled = await (await request.post('/api/v1/compile', { headers: ADMIN, data: { scenario } })).json();
    expect(compiled.diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    expect(compiled.ok).toBe(true);
    const bot = await publishBot(request, scenario, file);

    const pages: Page[] = [];
    try {
      await path.run({
        bot,
        request,
        visit: async (o = {}) => {
          const v = await openVisit(browser, bot, !!o.clock);
          pages.push(v.page);
          return v;
        },
      });
      for (const p of pages) {
        const { error } = await recordedEvents(p);
        expect(error, 'no incidents on the way').toEqual([]);
      }
    } finally {
      await Promise.all(pages.map((p) => p.context().close()));
    }
  });
}
