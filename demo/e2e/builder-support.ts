import { expect, test, type APIRequestContext, type Cookie, type Locator, type Page } from '@playwright/test';
import type { PageGuard } from './support/test.ts';

/**
 * Helpers for the builder specs (demo/e2e/builder-*.spec.ts). The builder is driven the way an
 * author drives it: palette, canvas, panels. The document is read back through
 * `window.chatletBuilder` only to compare exact states (undo/redo) and for ids.
 */

export const OWNER = { email: 'owner@builder-e2e.example', password: 'builder-e2e-password', orgName: 'Builder E2E' };

/** The bearer token playwright.config.ts gives the e2e server. */
const ADMIN = { Authorization: 'Bearer e2e-admin-token' };

/**
 * Makes sure our owner can log in when someone else set the install up (other specs create users
 * with the admin token, which also ends the onboarding): creates the account, if it is missing.
 */
async function ensureAccount(request: APIRequestContext): Promise<void> {
  for (const role of ['owner', 'editor']) {
    const res = await request.post('/api/v1/users', {
      headers: ADMIN,
      data: { email: OWNER.email, password: OWNER.password, name: 'Builder e2e', role },
    });
    if (res.status() < 300 || res.status() === 409) return;
  }
}

/** True on the builder itself, not on a login page whose `?next=` names it. */
const inBuilder = (url: URL) => url.pathname === '/builder';

/**
 * Signs in as the owner and ends in the builder: through the set-up form on an empty install, the
 * login form otherwise. Another spec on the same server may set the install up between this page
 * showing the form and its submission: the form then answers 409 "already set up" (named to `guard`,
 * since that is the page doing its job), and the owner logs in instead.
 */
export async function signIn(page: Page, guard: PageGuard): Promise<void> {
  await page.goto('/');
  const setUp = page.getByRole('button', { name: 'Create owner account' });
  if (await setUp.isVisible()) {
    guard.allow(/^response \S+\/api\/v1\/setup POST 409$/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByLabel('Organisation').fill(OWNER.orgName);
    await setUp.click();
    const taken = page.getByText('This server is already set up.');
    await expect
      .poll(async () => inBuilder(new URL(page.url())) || (await taken.isVisible()), { timeout: 20_000 })
      .toBe(true);
  }
  if (!inBuilder(new URL(page.url()))) {
    await ensureAccount(page.request);
    await page.goto('/login?next=/builder');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }
  await page.waitForURL(inBuilder);
}

/**
 * The owner's session cookie, kept for the worker's later tests: each sign-in is a scrypt check the server
 * makes slow on purpose, and the builder specs sign in before every test.
 */
let ownerCookies: Cookie[] | undefined;

/**
 * Signs in through the API, for specs that are not about onboarding: with the session this worker already
 * has, while the server still knows it (a test may have logged it out), or with a new one. On an install
 * nobody has set up yet it sets it up: the journey spec takes the login path as well as the set-up form.
 */
export async function signInQuietly(page: Page, baseURL: string): Promise<void> {
  const context = page.context();
  if (ownerCookies) {
    await context.addCookies(ownerCookies);
    if ((await page.request.get('/api/v1/session')).ok()) return;
    await context.clearCookies();
    ownerCookies = undefined;
  }
  const headers = { Origin: baseURL };
  const home = await page.request.get('/', { maxRedirects: 0 });
  if (home.status() !== 302 && (await home.text()).includes('Create owner account')) {
    // Another worker may set it up at the same moment; its 409 leaves an owner all the same.
    await page.request.post('/api/v1/setup', { data: OWNER, headers });
  }
  let res = await page.request.post('/api/v1/session', {
    data: { email: OWNER.email, password: OWNER.password },
    headers,
  });
  if (res.status() === 401) {
    await ensureAccount(page.request);
    res = await page.request.post('/api/v1/session', {
      data: { email: OWNER.email, password: OWNER.password },
      headers,
    });
  }
  expect(res.status(), await res.text()).toBeLessThan(300);
  ownerCookies = (await context.storageState()).cookies;
}

/** Creates a bot through the API with the page's session (cookie requests need a same-origin Origin). */
export async function createBot(
  request: APIRequestContext,
  baseURL: string,
  name: string,
  scenario: unknown,
): Promise<string> {
  const res = await request.post('/api/v1/bots', { data: { name, scenario }, headers: { Origin: baseURL } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

/** Opens a bot in the builder and waits until its canvas is drawn. */
export async function openBot(page: Page, id: string): Promise<void> {
  await page.goto(`/builder?bot=${id}`);
  // The builder's script is about 100 KB gzip (acorn comes later, for scripts only): on CI's 2 busy cores it can take over 5 s to draw.
  await expect(page.getByRole('application', { name: 'Canvas' })).toBeVisible({ timeout: 15_000 });
  await page.waitForFunction(() => !!(window as any).chatletBuilder?.canvas);
}

/** The document the builder holds, as JSON text. */
export function docText(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify((window as any).chatletBuilder.store.get().doc));
}

export function nodeOnCanvas(page: Page, id: string): Locator {
  return page.locator(`.drawflow-node[data-node-id="${id}"]`);
}

/** Drags from a node's output port (0-based) to another node's input, with the mouse, as an author would. */
export async function connect(page: Page, from: string, port: number, to: string): Promise<void> {
  const fromEl = nodeOnCanvas(page, from);
  const toEl = nodeOnCanvas(page, to);
  const [fromDf, toDf] = await Promise.all([fromEl.getAttribute('id'), toEl.getAttribute('id')]);
  const drawn = page.locator(`.cl-edges .connection.node_out_${fromDf}.node_in_${toDf}.output_${port + 1}`);
  // A drag can miss when the canvas moves under the pointer on a busy machine (a re-render after the
  // live check or a save answer); the author would simply drag again, and so does this helper, once.
  for (let attempt = 1; ; attempt++) {
    const out = fromEl.locator('.outputs .output').nth(port);
    const inp = toEl.locator('.inputs .input');
    const a = (await out.boundingBox())!;
    const b = (await inp.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
    await page.mouse.up();
    try {
      await expect(drawn).toHaveCount(1, { timeout: attempt === 1 ? 3_000 : 5_000 });
      return;
    } catch (e) {
      if (attempt === 2) throw e;
      test.info().annotations.push({ type: 'drag retried', description: `${from}[${port}] → ${to}` });
    }
  }
}

/** Waits until the draft is saved on the server. */
export async function saved(page: Page): Promise<void> {
  await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 10_000 });
}
