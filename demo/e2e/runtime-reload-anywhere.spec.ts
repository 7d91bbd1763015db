import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import fc from 'fast-check';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget, savedEntries } from './support/bot-widget.ts';
import { testEndpoint } from './support/endpoint.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * The reload-anywhere property: for random paths through a scenario, a visitor who reloads the
 * page after every step ends with the same transcript and variables as one who never reloads.
 *
 * Each run uses a fresh browser context (a new visitor) holding two copies of the bot, published
 * from the same scenario: one talked to straight through, one with a reload after every step.
 * One context means one visitor id, so an A/B split sends both copies down the same branch.
 */

/** Free-text answers the driver picks from: valid and invalid for the scenarios' inputs. */
const ANSWERS = [
  'Dana',
  '7',
  '64',
  'abc',
  '250',
  'how much is it',
  'refund please',
  'what colour is the sky',
  'A name that is far too long to be accepted',
];

type Ask = { kind: 'choice' | 'multi' | 'input' | 'wait' | 'done'; options: string[] };

/** What the bot waits for now, or undefined while it is still busy (a delay, a call, a redraw). */
async function look(page: Page, w: BotWidget): Promise<Ask | undefined> {
  const last = (await recordedEvents(page)).state.at(-1);
  if (last?.status === 'done') return { kind: 'done', options: [] };
  if (await w.textbox.isVisible()) return { kind: 'input', options: [] };
  const labels = (await w.root.getByRole('group').getByRole('button').allInnerTexts()).map((t) => t.trim());
  if (labels.includes('Done')) return { kind: 'multi', options: labels.filter((l) => l !== 'Done') };
  if (labels.length) return { kind: 'choice', options: labels };
  if (last && last.at.length === 1 && last.at[0] === 'wait_ev') return { kind: 'wait', options: [] };
  return undefined;
}

/**
 * How often the driver looks again while the bot is busy. Playwright's default backs off to a second, and a
 * reloaded run waits like this three times a step (for the answer, the save and the reload), so a step
 * that was ready a moment after a look could sit out up to a second more.
 */
const LOOK_AGAIN = { intervals: [50] };

async function settle(page: Page, w: BotWidget): Promise<Ask> {
  let ask: Ask | undefined;
  await expect
    .poll(async () => (ask = await look(page, w))?.kind ?? 'busy', { timeout: 10_000, ...LOOK_AGAIN })
    .not.toBe('busy');
  return ask!;
}

/** Takes one step chosen by `d`: an option, a subset of options, an answer, or a page event. */
async function step(page: Page, w: BotWidget, ask: Ask, d: number): Promise<string> {
  const n = ask.options.length;
  if (ask.kind === 'choice') {
    await w.choose(ask.options[d % n]);
    return ask.options[d % n];
  }
  if (ask.kind === 'multi') {
    const mask = (d % (2 ** n - 1)) + 1;
    const picked = ask.options.filter((_, j) => mask & (1 << j));
    await w.chooseMany(picked);
    return picked.join('+');
  }
  if (ask.kind === 'input') {
    await w.answer(ANSWERS[d % ANSWERS.length]);
    return ANSWERS[d % ANSWERS.length];
  }
  const [event, data] = d % 3 === 0 ? ['stop', {}] : ['go', { token: 'T' + (d % 97) }];
  await page.evaluate(([id, e, x]) => (window as any).Chatlet.bots[id].send(e, x), [w.id, event, data] as const);
  return event;
}

interface Outcome {
  path: string[];
  transcript: string[];
  variables: Record<string, unknown>;
}

async function converse(page: Page, w: BotWidget, url: string, decisions: number[], reload: boolean): Promise<Outcome> {
  const path: string[] = [];
  await page.goto(url);
  await w.open();
  let ask = await settle(page, w);
  for (const d of decisions) {
    if (ask.kind === 'done') break;
    path.push(await step(page, w, ask, d));
    ask = await settle(page, w);
    if (!reload) continue;
    // Reload once the step is stored, as it is after every step.
    const shown = await w.messages.count();
    await expect.poll(() => savedEntries(page, w.id), LOOK_AGAIN).toBe(shown);
    await page.reload();
    await w.open();
    ask = await settle(page, w);
  }
  return {
    path,
    transcript: await w.transcriptTexts(),
    variables: await page.evaluate((id) => (window as any).Chatlet.bots[id].variables(), w.id),
  };
}

async function checkProperty(
  browser: Browser,
  baseURL: string,
  ids: [string, string],
  decisions: number[],
): Promise<void> {
  const context = await browser.newContext({ baseURL });
  try {
    await testEndpoint(context, (call) => ({
      status: 200,
      body: { data: { id: 'L-' + JSON.parse(call.body ?? '{}').name?.length } },
    }));
    const page = await context.newPage();
    const urls = await Promise.all(
      ids.map((id) => servePage(context, id, landingHtml({ head: EVENT_RECORDER, bots: [id] }))),
    );
    const straight = await converse(page, new BotWidget(page, ids[0]), urls[0], decisions, false);
    const reloaded = await converse(page, new BotWidget(page, ids[1]), urls[1], decisions, true);
    expect(reloaded.path).toEqual(straight.path);
    expect(reloaded.transcript).toEqual(straight.transcript);
    expect(reloaded.variables).toEqual(straight.variables);
  } finally {
    await context.close();
  }
}

for (const name of ['reload-menu', 'reload-services']) {
  test(`reloading after every step of random paths through ${name} ends with the same transcript and variables as never reloading`, async ({
    browser,
    baseURL,
    request,
  }) => {
    test.setTimeout(300_000);
    const doc = scenario(name);
    const ids: [string, string] = [
      (await publishBot(request, doc, name + ' straight')).id,
      (await publishBot(request, doc, name + ' reloaded')).id,
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 1000 }), { minLength: 4, maxLength: 10 }), (decisions) =>
        checkProperty(browser, baseURL!, ids, decisions),
      ),
      // Bounded: each run is two real conversations in a real browser. No shrinking: a failing
      // path is reported as found, with its seed to replay it.
      { numRuns: 6, endOnFailure: true },
    );
  });
}
