import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken } from '../../server/auth/token-hash.ts';
import { openPgliteStore } from '../../server/store/pglite-store.ts';
import { freePort, startChildServer, type ChildServer } from '../../server/test/child-server.ts';
import { expect, test } from './support/test.ts';

/**
 * What needs an install of its own (the shared e2e server is set up, and has several owners): the set-up form sent
 * empty, a lone owner trying to step down, and an invite link whose expiry has passed. The expired invite is written
 * into the empty DATA_DIR before the server starts, a week in the past, so nothing waits for time to pass.
 */

let server: ChildServer | undefined;
let dataDir = '';
const EXPIRED_TOKEN = 'an-expired-invite-token-for-this-spec-0123456789';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(join(tmpdir(), 'chatlet-team-'));
  const store = await openPgliteStore(dataDir);
  await store.ensureOrg({ id: 'o_default', name: 'Default organisation' });
  await store.createInvite({
    id: 'i_expired00001',
    orgId: 'o_default',
    tokenHash: hashToken(EXPIRED_TOKEN),
    email: null,
    role: 'editor',
    createdBy: null,
    expiresAt: new Date(Date.now() - 7 * 86_400_000),
  });
  await store.close();
  server = await startChildServer({ port: await freePort(), dataDir, token: '' });
});

test.afterAll(async () => {
  server?.terminate();
  if (server) await server.exited;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the set-up form sent empty says what each field needs, next to it', async ({ page }) => {
  await page.goto(`${server!.url}/`);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter your email address.');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Choose a password of at least 8 characters.');
  await expect(page.getByLabel('Organisation')).toHaveAccessibleDescription(
    'Enter the name of your organisation or team.',
  );
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.locator('body')).not.toContainText(/Invalid input|expected string|received undefined/);
  await page.screenshot({ path: '/tmp/h3/setup-empty.png' });

  await page.getByLabel('Email').fill('olga@');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter an email address like name@example.com.');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('The password needs at least 8 characters.');

  await page.getByLabel('Email').fill('olga@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Organisation').fill('Acme');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await page.waitForURL(/\/builder$/);
});

test('the login form sent empty asks for the email and the password', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server!.url}/login`);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter your email address.');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Enter your password.');
});

test('an invite link past its expiry shows a page that says it expired', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const res = await page.goto(`${server!.url}/invite/${EXPIRED_TOKEN}`);
  expect(res!.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This invite link has expired' })).toBeVisible();
  await expect(page.getByText('Ask the person who invited you for a new one.')).toBeVisible();
  await page.screenshot({ path: '/tmp/h3/invite-expired.png' });
});

test('a lone owner who tries to step down reads why not, and keeps the role', async ({ page }) => {
  // Logging in through the form is covered above and in server-onboarding.spec.ts; here only the Team page counts.
  const login = await page.request.post(`${server!.url}/api/v1/session`, {
    headers: { Origin: server!.url },
    data: { email: 'olga@example.com', password: 'correct horse battery' },
  });
  expect(login.status()).toBe(200);
  await page.goto(`${server!.url}/builder?view=team`);
  const role = page.getByRole('combobox', { name: 'Role of olga@example.com' });
  await role.selectOption('editor');
  await expect(page.getByRole('alert')).toHaveText(
    /role was not changed: An organisation needs an owner: make someone else owner first/,
  );
  await expect(role).toHaveValue('owner');
  await page.screenshot({ path: '/tmp/h3/last-owner.png' });
});
