import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget, savedRecord } from './support/bot-widget.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * A page view where the visitor never touches the bot and no start trigger fires writes nothing to
 * the visitor's browser: no IndexedDB database (opening one creates it), no visitor id, nothing in
 * localStorage (docs/js-api.md, Storage and privacy). Checked on the minified bundle in Chromium.
 */

/**
 * Records, from before any page script, each IndexedDB call a page makes that could create or read the
 * database: `open`, and `databases` once it has answered. `window.__idb` lists them in order.
 */
const IDB_RECORDER = `window.__idb = [];
const open = IDBFactory.prototype.open, databases = IDBFactory.prototype.databases;
IDBFactory.prototype.open = function () { __idb.push('open'); return open.apply(this, arguments); };
IDBFactory.prototype.databases = function () {
  return databases.apply(this, arguments).then(function (l) { __idb.push('databases'); return l; });
};`;

/** What the page's origin holds: IndexedDB database names and localStorage keys. */
const stored = (page: Page) =>
  page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    localStorage: Object.keys(localStorage),
  }));

/** The visitor id the bot keeps (`chatlet` / `kv` / `vid`), read without creating the database. */
const visitorId = (page: Page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'chatlet')) return undefined;
    return new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open('chatlet');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('kv').objectStore('kv').get('vid');
        req.onsuccess = () => (open.result.close(), resolve(req.result));
        req.onerror = () => reject(req.error);
      };
    });
  });

/**
 * Opens the page and waits until the bot has looked for a database and found none: the moment a bot
 * that stored on load would already have opened one.
 */
async function openUntouched(page: Page, botId: string, name: string) {
  await page.addInitScript(IDB_RECORDER);
  await page.goto(await servePage(page, name, landingHtml({ head: EVENT_RECORDER, bots: [botId] })));
  const w = new BotWidget(page, botId);
  await expect(w.launcher).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as any).__idb.length)).toBeGreaterThan(0);
  return w;
}

test('a visitor who never opens the chat leaves IndexedDB and localStorage empty; opening it stores the conversation, which a reload brings back', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'no storage before interaction');
  await page.clock.install();
  const w = await openUntouched(page, bot.id, 'untouched');
  // The visitor reads the page for five minutes.
  await page.clock.fastForward('05:00');
  expect(await stored(page)).toEqual({ databases: [], localStorage: [] });
  // The bot asked whether a database exists, and never opened one.
  expect(await page.evaluate(() => (window as any).__idb)).not.toContain('open');

  await w.launcher.click();
  await w.expectMessage("What's your name?");
  await w.answer('Ann');
  await w.expectMessage('Which plan, Ann?');
  await expect.poll(() => stored(page)).toEqual({ databases: ['chatlet'], localStorage: ['chatlet:open:' + bot.id] });
  expect(await visitorId(page)).toMatch(/^[0-9a-f]{24}$/);
  expect(await page.evaluate(() => localStorage[Object.keys(localStorage)[0]])).toBe('1');
  await expect.poll(async () => (await savedRecord(page, bot.id))?.s?.context?.v?.name).toBe('Ann');

  await page.reload();
  await w.expectMessage('Which plan, Ann?');
  await expect(w.transcript).toBeVisible();
  expect((await recordedEvents(page)).error).toEqual([]);
});

test('with startOn delay, nothing is stored before the delay has passed, and the conversation is stored once it starts', async ({
  page,
  request,
}) => {
  const doc = scenario('triggers');
  doc.settings.startOn = { type: 'delay', after: 'PT30S' };
  const bot = await publishBot(request, doc, 'delay, no storage before');
  await page.clock.install();
  const w = await openUntouched(page, bot.id, 'untouched-delay');
  await page.clock.fastForward('00:25');
  expect(await stored(page)).toEqual({ databases: [], localStorage: [] });
  expect((await recordedEvents(page)).message).toEqual([]);
  // The page can read the bot's variables meanwhile: the scenario's initial ones.
  expect(await page.evaluate((id) => (window as any).Chatlet.bots[id].variables(), bot.id)).toEqual({
    source: 'landing',
  });

  await page.clock.fastForward('00:06');
  await expect(w.transcript).toBeVisible();
  await w.expectMessage('Hi there!');
  await expect.poll(async () => (await savedRecord(page, bot.id))?.s?.context?.t?.length).toBeGreaterThan(0);
  expect(await visitorId(page)).toMatch(/^[0-9a-f]{24}$/);
  expect((await stored(page)).localStorage).toEqual(['chatlet:open:' + bot.id]);
});

test('a returning visitor gets the conversation back on reload without touching anything, even with localStorage cleared', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'returning visitor');
  await page.goto(await servePage(page, 'returning', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await w.answer('Ann');
  await w.expectMessage('Which plan, Ann?');
  await expect.poll(async () => (await savedRecord(page, bot.id))?.s?.context?.v?.name).toBe('Ann');

  // Without the open-chat hint, only the database says this visitor was here before.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(w.transcript).toBeVisible();
  await w.expectMessage('Which plan, Ann?');
  expect(await page.evaluate((id) => (window as any).Chatlet.bots[id].variables(), bot.id)).toMatchObject({
    name: 'Ann',
  });
});

test('a page that sends the bot an event counts as asking for it: the visitor id is stored, and the chat stays closed', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'js api, no storage before');
  const w = await openUntouched(page, bot.id, 'untouched-api');
  expect(await stored(page)).toEqual({ databases: [], localStorage: [] });

  await page.evaluate((id) => (window as any).Chatlet.bots[id].send('pricing-viewed'), bot.id);
  await expect.poll(() => visitorId(page)).toMatch(/^[0-9a-f]{24}$/);
  // Not a start event: the conversation has not started, and the chat stays closed.
  await expect(w.launcher).toBeVisible();
  expect(await savedRecord(page, bot.id)).toBeUndefined();
});
