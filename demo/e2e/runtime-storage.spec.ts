import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * Ways a browser refuses IndexedDB, each installed before any page script runs, and the reason the
 * `storage.unavailable` message gives. A made-up open request is a real event target that passes
 * for an IDBOpenDBRequest, so the storage waits on it as on a real one.
 */
const REFUSALS: { name: string; script: string; reason: RegExp }[] = [
  {
    name: 'indexedDB.open throws (Firefox private mode)',
    script: `IDBFactory.prototype.open = function () { throw new DOMException('The operation is insecure.', 'SecurityError'); };`,
    reason: /insecure/,
  },
  {
    name: 'the open request fires error',
    script: `IDBFactory.prototype.open = function () {
      var req = Object.setPrototypeOf(new EventTarget(), IDBOpenDBRequest.prototype);
      Object.defineProperty(req, 'error', { value: new DOMException('Internal error opening backing store', 'UnknownError') });
      setTimeout(function () { req.dispatchEvent(new Event('error')); }, 0);
      return req;
    };`,
    reason: /Internal error opening backing store/,
  },
  {
    name: 'the open request never answers',
    script: `IDBFactory.prototype.open = function () { return Object.setPrototypeOf(new EventTarget(), IDBOpenDBRequest.prototype); };`,
    reason: /timed out/,
  },
  {
    name: 'there is no indexedDB at all',
    script: `Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });`,
    reason: /TypeError/,
  },
];

for (const refusal of REFUSALS) {
  test(`when ${refusal.name}, the bot still talks and on('error') reports storage.unavailable`, async ({
    page,
    request,
  }) => {
    const bot = await publishBot(request, scenario('short-chat'), 'no storage');
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.addInitScript(refusal.script);
    await page.goto(await servePage(page, 'no-idb', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));

    const w = new BotWidget(page, bot.id);
    await w.open();
    await w.expectMessage("What's your name?");
    await w.answer('Dana');
    await w.choose('Team');
    await w.expectMessage('Thanks, Dana! The team plan it is.');

    // Subscribed through the stub before the bot loaded...
    const early = (await recordedEvents(page)).error;
    expect(early.map((e) => e.code)).toEqual(['storage.unavailable']);
    expect(early[0].message).toMatch(/IndexedDB/);
    expect(early[0].message).toMatch(refusal.reason);
    // ...and a subscriber that comes later still hears of it, as the docs promise.
    const late = await page.evaluate(
      (id) =>
        new Promise<string[]>((resolve) => {
          const got: string[] = [];
          (window as any).Chatlet.bots[id].on('error', (e: { code: string }) => got.push(e.code));
          setTimeout(() => resolve(got), 50);
        }),
      bot.id,
    );
    expect(late).toEqual(['storage.unavailable']);
    expect(pageErrors).toEqual([]);
  });
}

test('with IndexedDB working, no storage warning is reported', async ({ page, request }) => {
  const bot = await publishBot(request, scenario('short-chat'), 'with storage');
  await page.goto(await servePage(page, 'with-idb', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.expectMessage('Which plan, Dana?');
  expect((await recordedEvents(page)).error).toEqual([]);
});

test("when the disk quota is full, the bot keeps talking and on('error') reports storage.write_failed once", async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'quota');
  await page.addInitScript(
    `IDBObjectStore.prototype.put = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };`,
  );
  await page.goto(await servePage(page, 'quota', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Dana');
  await w.choose('Basic');
  await w.expectMessage('Thanks, Dana! The basic plan it is.');
  const errors = (await recordedEvents(page)).error;
  expect(errors.map((e) => e.code)).toEqual(['storage.write_failed']);
  expect(errors[0].message).toMatch(/Quota/);
});
