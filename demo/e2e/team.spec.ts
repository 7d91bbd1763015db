import type { Browser, Page } from '@playwright/test';
import { signInQuietly } from './builder-support.ts';
import { expect, test } from './support/test.ts';

/**
 * An owner's first hour with others, in Chromium against the shared e2e server: the Team page (invite links, roles,
 * removing), the invite page an invitee opens in a browser of their own, the navigation bar and logging out, and
 * deleting a bot. Emails and bot names are unique per run, because other specs share the server.
 */

const ADMIN = { Authorization: 'Bearer e2e-admin-token' };
const unique = () => Math.random().toString(36).slice(2, 10);

// Each test logs in (scrypt) and some make accounts: on a busy machine that is more than the default budget.
test.describe.configure({ timeout: 90_000 });

/**
 * Signs in through the API and opens the bot list. Not through the set-up form: on a fresh server two tests of
 * this file may both find it, and the one that loses gets a 409 and never reaches the builder.
 */
async function signedIn(page: Page): Promise<void> {
  await signInQuietly(page, test.info().project.use.baseURL!);
  await page.goto('/builder');
  await expect(page.getByRole('heading', { name: 'Your bots' })).toBeVisible({ timeout: 30_000 });
}

async function openTeam(page: Page): Promise<void> {
  await signedIn(page);
  await page.getByRole('navigation', { name: 'Chatlet' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
}

/** Makes an invite link on the Team page and returns it, as the owner would copy it. */
async function makeInvite(page: Page, role: string, email?: string): Promise<string> {
  await page.getByRole('combobox', { name: 'Role of the invited person' }).selectOption({ label: role });
  await page.getByLabel(/^Email/).fill(email ?? '');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = page.getByRole('textbox', { name: 'Invite link' });
  await expect(link).toHaveValue(/\/invite\/[\w-]{40,}$/);
  return link.inputValue();
}

/** A browser of the invitee's own: no cookie of the owner's. */
async function freshPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test('the owner invites a manager, who opens the link in their own browser, creates an account and lands in the console', async ({
  page,
  browser,
  baseURL,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openTeam(page);
  const email = `manager-${unique()}@example.com`;
  const url = await makeInvite(page, 'Manager', email);
  await expect(page.getByRole('group', { name: 'New invite link' })).toContainText(
    `Send this link to ${email}. It works once, as manager, until`,
  );
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page.getByRole('list', { name: 'Pending invites' })).toContainText(email);
  await page.screenshot({ path: '/tmp/h3/team-invite.png', fullPage: true });

  const invitee = await freshPage(browser, baseURL!);
  await invitee.goto(url);
  await expect(invitee.getByRole('heading', { name: /^Join .+ on Chatlet$/ })).toBeVisible();
  await expect(invitee.getByText('You are invited as a manager')).toBeVisible();
  const form = invitee.getByRole('form', { name: 'Create your account' });
  await expect(form.getByLabel('Email')).toHaveValue(email);
  await expect(form.getByLabel('Email')).not.toBeEditable();
  await form.getByRole('button', { name: 'Create account and join' }).click();
  await expect(form.getByText('Choose a password of at least 8 characters.')).toBeVisible();
  await form.getByLabel('Your name').fill('Mina Manager');
  await form.getByLabel('Password').fill('short');
  await form.getByRole('button', { name: 'Create account and join' }).click();
  await expect(form.getByText('The password needs at least 8 characters.')).toBeVisible();
  await invitee.screenshot({ path: '/tmp/h3/invite-page.png', fullPage: true });
  await form.getByLabel('Password').fill('a long enough password');
  await form.getByRole('button', { name: 'Create account and join' }).click();
  await invitee.waitForURL(/\/console$/);
  await expect(invitee.getByRole('navigation', { name: 'Account' })).toContainText(email);
  // A manager has no builder to go back to.
  await expect(invitee.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Builder' })).toHaveCount(
    0,
  );

  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(email) }).getByRole('combobox')).toHaveValue('manager');
  // Used, so no longer pending (the member table's rows are not list items).
  await expect(page.getByRole('listitem').filter({ hasText: email })).toHaveCount(0);
});

test("the owner changes a member's role and removes them after a confirmation that names them", async ({ page }) => {
  const email = `editor-${unique()}@example.com`;
  const added = await page.request.post('/api/v1/users', {
    headers: ADMIN,
    data: { email, password: 'member password', name: 'Eddie Editor', role: 'editor' },
  });
  expect(added.status()).toBe(201);
  await openTeam(page);
  const row = page.getByRole('row', { name: new RegExp(email) });
  await expect(row).toContainText('Eddie Editor');
  await row.getByRole('combobox', { name: `Role of ${email}` }).selectOption('manager');
  await expect
    .poll(async () => {
      const users = (await (await page.request.get('/api/v1/users', { headers: ADMIN })).json()).users;
      return users.find((u: { email: string }) => u.email === email)?.role;
    })
    .toBe('manager');

  await row.getByRole('button', { name: `Remove ${email}` }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove Eddie Editor?' });
  await expect(dialog).toContainText(`Eddie Editor (${email}) loses access to this organisation at once`);
  await page.screenshot({ path: '/tmp/h3/team-remove.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Remove ${email}` }).click();
  await dialog.getByRole('button', { name: 'Remove from the team' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(0);
});

test('a used, withdrawn or made-up invite link shows a page that says so, and offers to log in', async ({
  page,
  browser,
  baseURL,
  request,
  guard,
}) => {
  // The pages for links that no longer work answer 410 (used, withdrawn) and 404 (never made), as they should.
  guard.allow(/^response \S+\/invite\/\S+ GET 4(04|10)$/);
  await openTeam(page);
  const used = await makeInvite(page, 'Editor');
  // Named by an address of its own: other tests of this file make invites for anyone in the same organisation
  // at the same time, so "the newest invite for anyone" may be theirs.
  const withdrawnFor = `withdrawn-${unique()}@example.com`;
  const withdrawn = await makeInvite(page, 'Editor', withdrawnFor);
  await page.reload();
  const revoke = page.getByRole('button', { name: `Revoke the invite for ${withdrawnFor}` });
  await revoke.click();
  await expect(revoke).toHaveCount(0);
  // The invitee's own request context: the owner's browser keeps the owner's session.
  const accepted = await request.post('/api/v1/invites/accept', {
    headers: { Origin: baseURL! },
    data: {
      token: used.split('/invite/')[1],
      account: 'new',
      email: `used-${unique()}@example.com`,
      password: 'a long enough password',
    },
  });
  expect(accepted.status()).toBe(201);

  const visitor = await freshPage(browser, baseURL!);
  await visitor.goto(used);
  await expect(visitor.getByRole('heading', { name: 'This invite link has been used' })).toBeVisible();
  await expect(visitor.getByText('Log in instead, or ask for a new link.')).toBeVisible();
  await expect(visitor.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  await visitor.screenshot({ path: '/tmp/h3/invite-used.png' });
  await visitor.goto(withdrawn);
  await expect(visitor.getByRole('heading', { name: 'This invite link was withdrawn' })).toBeVisible();
  await visitor.goto('/invite/made-up-link-0123456789abcdefghijklmnop');
  await expect(visitor.getByRole('heading', { name: 'This invite link is not valid' })).toBeVisible();
});

test('the navigation bar leads to the bots, the Team page and the console, and the console back to the builder', async ({
  page,
}) => {
  await signedIn(page);
  const nav = page.getByRole('navigation', { name: 'Chatlet' });
  await expect(nav).toContainText('owner@builder-e2e.example');
  await expect(nav.getByRole('link', { name: 'Bots' })).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: '/tmp/h3/nav-bots.png' });
  await nav.getByRole('link', { name: 'Team' }).click();
  await expect(page).toHaveURL(/\/builder\?view=team$/);
  await expect(nav.getByRole('link', { name: 'Team' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Console' }).click();
  await page.waitForURL(/\/console$/);
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Builder' }).click();
  await page.waitForURL(/\/builder$/);
  await expect(page.getByRole('heading', { name: 'Your bots' })).toBeVisible();
});

test('log out from the builder ends the session and shows the login page', async ({ page }) => {
  await signedIn(page);
  await page.getByRole('navigation', { name: 'Chatlet' }).getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login$/);
  expect((await page.request.get('/api/v1/session')).status()).toBe(401);
  await page.goto('/builder');
  await page.waitForURL(/\/login\?next=%2Fbuilder$/);
});

test('log out from the console ends the session and shows the login page', async ({ page, guard }) => {
  // A live call the console makes while logging out may be the one that finds the session ended: a 401 it expects.
  guard.allow(/^response \S+\/api\/v1\/\S+ GET 401$/);
  await signedIn(page);
  await page.goto('/console');
  await page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Log out' }).click();
  // The console's live calls may notice the ended session first and add where to come back to.
  await page.waitForURL(/\/login(\?next=%2Fconsole)?$/);
  expect((await page.request.get('/api/v1/session')).status()).toBe(401);
});

test("the editor's toolbar has the same links: back to the bots, the team and the console", async ({ page }) => {
  await signedIn(page);
  const created = await page.request.post('/api/v1/bots', { headers: ADMIN, data: { name: `Nav bot ${unique()}` } });
  const bot = await created.json();
  await page.goto(`/builder?bot=${bot.id}`);
  const nav = page.getByRole('banner').getByRole('navigation', { name: 'Chatlet' });
  await expect(nav.getByRole('link', { name: 'Team' })).toBeVisible();
  await page.screenshot({ path: '/tmp/h3/nav-editor.png' });
  await nav.getByRole('link', { name: 'Bots' }).click();
  await expect(page.getByRole('heading', { name: 'Your bots' })).toBeVisible();
});

test('deleting a bot asks first, naming the bot and the pages it stops on, then takes it off the list', async ({
  page,
}) => {
  const name = `Doomed bot ${unique()}`;
  const created = await page.request.post('/api/v1/bots', { headers: ADMIN, data: { name } });
  expect(created.status()).toBe(201);
  await signedIn(page);
  const item = page.getByRole('listitem').filter({ hasText: name });
  await item.getByRole('button', { name: `Delete ${name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Delete “${name}”?` });
  await expect(dialog).toContainText('Its script stops working on every page that embeds it');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: '/tmp/h3/delete-bot.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(item).toBeVisible();

  await item.getByRole('button', { name: `Delete ${name}` }).click();
  await dialog.getByRole('button', { name: 'Delete bot' }).click();
  await expect(item).toHaveCount(0);
  expect((await page.request.get(`/api/v1/bots/${(await created.json()).id}`, { headers: ADMIN })).status()).toBe(404);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your bots' })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
});
