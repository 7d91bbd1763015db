import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { BrowserContext, Page } from '@playwright/test';
import { compile } from '../../compiler/index.ts';
import { expect, test } from './support/test.ts';
import { publishBot, scenario, type PublishedBot } from './support/bots.ts';
import { BotWidget, savedRecord } from './support/bot-widget.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * The storage's upgrade path (docs/js-api.md, Storage and privacy) in Chromium: a newer bundle that
 * opens the database at the next schema version while an older tab holds it, and a database that
 * is deleted or cleared mid-conversation. Both bundles are minified and run the real idb storage.
 */

test.describe.configure({ timeout: 90_000 });

const RUNTIME = fileURLToPath(new URL('../../runtime', import.meta.url));

/**
 * Next release's schema, as a developer would write it: the current steps and one more, which adds
 * a store and leaves `kv` as it is (runtime/storage/schema.ts says why it must).
 */
const NEXT_SCHEMA = `import { KV, SCHEMA as NOW } from ${JSON.stringify(`${RUNTIME}/storage/schema.ts`)};
export { KV };
export const SCHEMA = [...NOW, (db) => void db.createObjectStore('notes')];`;

/** Swaps the storage's schema module for NEXT_SCHEMA; everything else is today's runtime. */
const nextSchema: Plugin = {
  name: 'next-schema',
  setup(b) {
    b.onResolve({ filter: /\/schema\.ts$/ }, (args) =>
      args.importer.endsWith('idb-storage.ts') ? { path: 'next-schema', namespace: 'next' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'next' }, () => ({ contents: NEXT_SCHEMA, loader: 'js', resolveDir: RUNTIME }));
  },
};

/**
 * The bot's bundle as next release would build it: the same scenario through the real compiler,
 * its runtime variant bundled and minified with the schema one version ahead.
 */
async function newerBundle(doc: unknown, bot: PublishedBot): Promise<string> {
  const compiled = await compile(doc, { botId: bot.id, publicUrl: '' });
  expect(compiled.ok, JSON.stringify(compiled.diagnostics)).toBe(true);
  const [variant, spec] = compiled.source!.split('\n// spec\n');
  expect(spec, "compile()'s source is the variant, a `// spec` line, then the spec").toBeDefined();
  const out = await build({
    // The spec fills the placeholder the variant boots with, as bundle() does after minifying.
    stdin: { contents: `const __CHATLET_SPEC__ = ($) => (${spec});\n${variant}`, resolveDir: RUNTIME, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    jsx: 'transform',
    jsxFactory: 'h',
    jsxFragment: 'Fragment',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    plugins: [nextSchema],
  });
  return out.outputFiles[0].text;
}

/** Opens the landing page in a new tab; with `bundle`, that tab gets it instead of the server's (a newer release). */
async function openTab(context: BrowserContext, path: string, bot: PublishedBot, bundle?: string): Promise<BotWidget> {
  const page = await context.newPage();
  if (bundle)
    await page.route(`**${bot.script}`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: bundle }),
    );
  await page.goto(path);
  return new BotWidget(page, bot.id);
}

/** The version and stores of the page origin's `chatlet` database, read without opening it. */
async function database(page: Page): Promise<{ version?: number; stores?: string[] }> {
  return page.evaluate(async () => {
    const version = (await indexedDB.databases()).find((d) => d.name === 'chatlet')?.version;
    if (!version) return {};
    return new Promise((resolve) => {
      const open = indexedDB.open('chatlet');
      open.onsuccess = () => {
        const stores = [...open.result.objectStoreNames];
        open.result.close();
        resolve({ version, stores });
      };
    });
  });
}

/** The codes of the storage errors a page's bot reported. */
const errorCodes = async (page: Page) => (await recordedEvents(page)).error.map((e) => e.code);

const CONVERSATION = ['Hi there!', "What's your name?", 'Dana', 'Which plan, Dana?'];

/** Tab A with the server's bundle (today's release): the visitor gives a name and is asked for a plan. */
async function startInTabA(context: BrowserContext, request: Parameters<typeof publishBot>[0]) {
  const doc = scenario('short-chat');
  const bot = await publishBot(request, doc, 'storage upgrade');
  const path = await servePage(context, 'upgrade', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] }));
  const a = await openTab(context, path, bot);
  await a.open();
  await a.answer('Dana');
  await a.expectMessage('Which plan, Dana?');
  await expect.poll(async () => (await savedRecord(a.page, bot.id))?.s?.context?.t?.length).toBe(CONVERSATION.length);
  expect(await database(a.page)).toEqual({ version: 1, stores: ['kv'] });
  return { doc, bot, path, a };
}

test('a newer release opened in a second tab upgrades the database at once, shows the conversation of the first tab and carries it on, and the first tab keeps saving', async ({
  context,
  request,
}) => {
  const { doc, bot, path, a } = await startInTabA(context, request);

  const b = await openTab(context, path, bot, await newerBundle(doc, bot));
  await expect(b.transcript).toBeVisible();
  expect(await b.transcriptTexts()).toEqual(CONVERSATION);
  expect(await database(b.page)).toEqual({ version: 2, stores: ['kv', 'notes'] });

  // The visitor answers in the newer tab; the older one runs the step (it leads) and saves it into
  // the upgraded database, which it reopened on its own.
  await b.page.bringToFront();
  await b.choose('Team');
  await b.expectMessage('Thanks, Dana! The team plan it is.');
  await a.expectMessage('Thanks, Dana! The team plan it is.');
  await expect.poll(async () => (await savedRecord(b.page, bot.id))?.s?.status).toBe('done');
  expect(await errorCodes(a.page)).toEqual([]);
  expect(await errorCodes(b.page)).toEqual([]);

  // The older tab reloaded (still today's release) opens the newer database and shows it all.
  await a.page.bringToFront();
  await a.page.reload();
  await expect(a.transcript).toBeVisible();
  expect(await a.transcriptTexts()).toEqual([...CONVERSATION, 'Team', 'Thanks, Dana! The team plan it is.']);
  expect(await errorCodes(a.page)).toEqual([]);
});

test('a newer release blocked by a tab that never lets go of the older version talks from memory, and once that tab is gone it upgrades and shows the saved conversation', async ({
  context,
  request,
}) => {
  const { doc, bot, path, a } = await startInTabA(context, request);
  await a.page.close();
  // A tab of a release from before idb: it holds the database open and ignores version changes.
  const stubborn = await context.newPage();
  await stubborn.goto(await servePage(context, 'stubborn', landingHtml()));
  await stubborn.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('chatlet');
        open.onsuccess = () => resolve(((window as any).held = open.result));
      }),
  );

  const bundle = await newerBundle(doc, bot);
  const page = await context.newPage();
  await page.clock.install();
  await page.route(`**${bot.script}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: bundle }),
  );
  await page.goto(path);
  const b = new BotWidget(page, bot.id);
  // It waits a while for the old tab to let go, then gives up and says so.
  await expect
    .poll(async () => (await page.clock.runFor(250), errorCodes(page)), { timeout: 15_000 })
    .toEqual(['storage.unavailable']);
  expect((await recordedEvents(page)).error[0].message).toMatch(/blocked/);
  await page.clock.resume();
  await b.open();
  await b.answer('Eve');
  await b.expectMessage('Which plan, Eve?');

  // The old tab closes: the upgrade that was waiting goes through, and the conversation saved
  // before is all there (the newer tab kept Eve's in memory, so it overwrote nothing).
  await stubborn.close();
  await expect.poll(async () => (await database(page)).version).toBe(2);
  await page.reload();
  await expect(b.transcript).toBeVisible();
  expect(await b.transcriptTexts()).toEqual(CONVERSATION);
  await b.choose('Basic');
  await b.expectMessage('Thanks, Dana! The basic plan it is.');
  expect(await errorCodes(page)).toEqual([]);
});

/** Ways a database disappears under an open page. */
const WIPES: { name: string; wipe: (page: Page) => Promise<unknown> }[] = [
  {
    name: 'the page deletes the database',
    wipe: (page) =>
      page.evaluate(
        () =>
          new Promise((resolve) => {
            const q = indexedDB.deleteDatabase('chatlet');
            q.onsuccess = () => resolve('deleted');
            // The bot's open connection must not be in the way.
            q.onblocked = () => resolve('blocked');
          }),
      ),
  },
  {
    name: 'the browser clears the site data',
    wipe: async (page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
      return 'deleted';
    },
  },
];

for (const { name, wipe } of WIPES) {
  test(`when ${name} mid-conversation, the bot carries on and a reload shows the whole conversation`, async ({
    page,
    request,
  }) => {
    const bot = await publishBot(request, scenario('short-chat'), 'wiped');
    await page.goto(await servePage(page, 'wiped', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
    const w = new BotWidget(page, bot.id);
    await w.open();
    await w.answer('Dana');
    await w.expectMessage('Which plan, Dana?');
    await expect.poll(async () => (await savedRecord(page, bot.id))?.s?.context?.t?.length).toBe(CONVERSATION.length);

    expect(await wipe(page)).toBe('deleted');
    expect(await savedRecord(page, bot.id)).toBeUndefined();
    await w.choose('Team');
    await w.expectMessage('Thanks, Dana! The team plan it is.');
    await expect.poll(async () => (await savedRecord(page, bot.id))?.s?.status).toBe('done');

    await page.reload();
    await expect(w.transcript).toBeVisible();
    expect(await w.transcriptTexts()).toEqual([...CONVERSATION, 'Team', 'Thanks, Dana! The team plan it is.']);
    expect(await errorCodes(page)).toEqual([]);
  });
}
