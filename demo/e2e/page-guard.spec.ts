import type { Browser, BrowserContext, Page } from '@playwright/test';
import { landingHtml } from './support/pages.ts';
import { expect, PageGuard, test } from './support/test.ts';

/**
 * The guard every spec runs under, shown to work: each kind of problem it promises to catch is caused on purpose
 * in a context of the test's own, which a PageGuard of the test's own watches; the test then asks that guard.
 *
 * The fixture guard watches every context a test opens too, so it sees the same problems: a test that causes some
 * names them for it with `guard.allow(PROBE)`. Everything caused on purpose says `guard-probe`.
 */
const PROBE = /guard-probe/;

interface Watched {
  context: BrowserContext;
  page: Page;
  mine: PageGuard;
}

/** A context of its own, watched by a fresh PageGuard for the server's origin, with one page open on a made-up page. */
async function watched(browser: Browser, baseURL: string | undefined): Promise<Watched> {
  const context = await browser.newContext({ baseURL });
  const mine = new PageGuard(new Set([new URL(baseURL!).origin]));
  mine.watchContext(context);
  // A made-up page at the server's origin, so a relative fetch goes to the real server.
  await context.route('**/t/guard.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: landingHtml({ body: '<main><h1>A page</h1></main>' }),
    }),
  );
  const page = await context.newPage();
  await page.goto('/t/guard.html');
  return { context, page, mine };
}

/** What assertClean threw, or '' when it did not throw. */
function thrown(guard: PageGuard): string {
  try {
    guard.assertClean();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

test('a page that logs console.error fails the guard, which names the message', async ({ browser, baseURL, guard }) => {
  guard.allow(PROBE);
  const { page, mine, context } = await watched(browser, baseURL);
  await page.evaluate(() => console.error('guard-probe: the basket is empty'));
  await expect
    .poll(() => mine.problems)
    .toEqual([
      { kind: 'console', url: expect.stringContaining('/t/guard.html'), text: 'guard-probe: the basket is empty' },
    ]);
  expect(thrown(mine)).toMatch(/1 unexpected problem.*\n.*console .*guard-probe: the basket is empty/);
  await context.close();
});

test('a page that throws an uncaught exception fails the guard, which names the error', async ({
  browser,
  baseURL,
  guard,
}) => {
  guard.allow(PROBE);
  const { page, mine, context } = await watched(browser, baseURL);
  await page.evaluate(() =>
    setTimeout(() => {
      throw new TypeError('guard-probe: price is undefined');
    }),
  );
  await expect
    .poll(() => mine.problems)
    .toEqual([
      {
        kind: 'pageerror',
        url: expect.stringContaining('/t/guard.html'),
        text: 'TypeError: guard-probe: price is undefined',
      },
    ]);
  expect(thrown(mine)).toContain('pageerror');
  expect(thrown(mine)).toContain('TypeError: guard-probe: price is undefined');
  await context.close();
});

test('a same-origin request answered 404 or 500 fails the guard, which names the URL and the status', async ({
  browser,
  baseURL,
  guard,
}) => {
  guard.allow(PROBE);
  const { page, mine, context } = await watched(browser, baseURL);
  await context.route('**/guard-probe/broken', (route) => route.fulfill({ status: 500, body: 'broken' }));
  await page.evaluate(async () => {
    // No route on the real server: its own 404.
    await fetch('/guard-probe/missing');
    await fetch('/guard-probe/broken');
  });
  await expect
    .poll(() => mine.problems)
    .toEqual([
      { kind: 'response', url: `${baseURL}/guard-probe/missing`, text: 'GET 404' },
      { kind: 'response', url: `${baseURL}/guard-probe/broken`, text: 'GET 500' },
    ]);
  const message = thrown(mine);
  expect(message).toContain('2 unexpected problem(s)');
  expect(message).toContain(`response ${baseURL}/guard-probe/missing GET 404`);
  expect(message).toContain(`response ${baseURL}/guard-probe/broken GET 500`);
  await context.close();
});

test('a same-origin request that fails on the network fails the guard, which names the error', async ({
  browser,
  baseURL,
  guard,
}) => {
  guard.allow(PROBE);
  const { page, mine, context } = await watched(browser, baseURL);
  await context.route('**/guard-probe/refused', (route) => route.abort('connectionrefused'));
  await page.evaluate(() => fetch('/guard-probe/refused', { method: 'POST' }).catch(() => 'refused'));
  await expect
    .poll(() => mine.problems)
    .toEqual([
      { kind: 'requestfailed', url: `${baseURL}/guard-probe/refused`, text: 'POST net::ERR_CONNECTION_REFUSED' },
    ]);
  expect(thrown(mine)).toContain(`requestfailed ${baseURL}/guard-probe/refused POST net::ERR_CONNECTION_REFUSED`);
  await context.close();
});

test('an allow pattern takes out exactly the problem it names, and the others still fail the guard', async ({
  browser,
  baseURL,
  guard,
}) => {
  guard.allow(PROBE);
  const { page, mine, context } = await watched(browser, baseURL);
  await page.evaluate(async () => {
    console.error('guard-probe: expected warning about the basket');
    await fetch('/guard-probe/missing');
  });
  await expect.poll(() => mine.problems.length).toBe(2);
  mine.allow(/console .* guard-probe: expected warning/);
  expect(mine.unexpected()).toEqual([{ kind: 'response', url: `${baseURL}/guard-probe/missing`, text: 'GET 404' }]);
  const message = thrown(mine);
  expect(message).toContain('1 unexpected problem(s)');
  expect(message).toContain('/guard-probe/missing GET 404');
  expect(message).not.toContain('expected warning');

  mine.allow(/response \S+\/guard-probe\/missing GET 404/);
  expect(mine.unexpected()).toEqual([]);
  expect(thrown(mine)).toBe('');
  await context.close();
});

test('a page with no problems passes the guard', async ({ browser, baseURL }) => {
  const { page, mine, context } = await watched(browser, baseURL);
  await page.evaluate(async () => {
    console.log('a log line is not a problem');
    console.warn('nor is a warning');
    await fetch('/healthz');
  });
  await expect(page.getByRole('heading', { name: 'A page' })).toBeVisible();
  expect(mine.problems).toEqual([]);
  expect(thrown(mine)).toBe('');
  await context.close();
});

test('a request to another origin that fails or answers 404 is not counted', async ({ browser, baseURL }) => {
  const { page, mine, context } = await watched(browser, baseURL);
  await context.route('http://elsewhere.test/missing**', (route) => route.fulfill({ status: 404, body: 'no' }));
  await context.route('http://elsewhere.test/refused', (route) => route.abort('connectionrefused'));
  const settled = await page.evaluate(async () => {
    const img = new Image();
    const loaded = new Promise((resolve) => (img.onerror = () => resolve('image failed')));
    img.src = 'http://elsewhere.test/missing.png';
    document.body.append(img);
    return [
      await fetch('http://elsewhere.test/missing', { mode: 'no-cors' }).then(() => 'answered'),
      await fetch('http://elsewhere.test/refused', { mode: 'no-cors' }).catch(() => 'refused'),
      await loaded,
    ];
  });
  expect(settled).toEqual(['answered', 'refused', 'image failed']);
  expect(mine.problems).toEqual([]);
  expect(thrown(mine)).toBe('');
  await context.close();
});
