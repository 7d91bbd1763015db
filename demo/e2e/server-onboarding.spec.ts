import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/test/child-server.ts';
import { expect, test } from './support/test.ts';

/**
 * The first visit to a new install, in a real browser: create the owner at `/`, land in the builder, log out,
 * log in again. It needs an install nobody has set up, and the shared e2e server is set up by other specs, so
 * this spec starts a server of its own (`npm start`'s entry) on a free port with an empty DATA_DIR.
 */

let server: ChildProcess | undefined;
let base = '';
let dataDir = '';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  base = `http://localhost:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'chatlet-onboarding-'));
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      CHATLET_ADMIN_TOKEN: '',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the onboarding server did not start');
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('an empty install: create the owner at /, land in the builder, log out, log in again', async ({ page }) => {
  const policyViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });

  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { name: 'Welcome to Chatlet' })).toBeVisible();
  await page.getByLabel('Your name').fill('Olga <Owner>');
  await page.getByLabel('Email').fill('Olga@Example.com');
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Organisation').fill('Acme');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('The password needs at least 8 characters.');
  expect(policyViolations, 'the set-up page runs under its CSP').toEqual([]);

  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await page.waitForURL(`${base}/builder`);
  // The builder page, or (before it is built) the page that says it is missing: either way, logged in.
  await expect(page).toHaveTitle(/builder/i);
  const session = await page.request.get(`${base}/api/v1/session`);
  expect(await session.json()).toMatchObject({
    user: { email: 'olga@example.com', name: 'Olga <Owner>' },
    org: { id: 'o_default', name: 'Acme' },
    role: 'owner',
  });

  // The install is set up: / no longer offers set-up, it sends the owner to the builder.
  await page.goto(`${base}/`);
  await page.waitForURL(`${base}/builder`);

  // Log out (a page's own Origin comes with the request), then the builder sends us to log in.
  const out = await page.request.delete(`${base}/api/v1/session`, { headers: { Origin: base } });
  expect(out.status()).toBe(204);
  await page.goto(`${base}/builder`);
  await page.waitForURL(`${base}/login?next=%2Fbuilder`);

  await page.getByLabel('Email').fill('olga@example.com');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The email or the password is wrong.');
  expect(policyViolations, 'the login page runs under its CSP').toEqual([]);

  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/builder`);
  const cookies = await page.context().cookies(base);
  const cookie = cookies.find((c) => c.name === 'chatlet_session')!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
});

test('a second visitor of / gets the login, never the set-up', async ({ page }) => {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/(login|builder)/);
  await expect(page.getByRole('button', { name: 'Create owner account' })).toHaveCount(0);
  const again = await page.request.post(`${base}/api/v1/setup`, {
    data: { email: 'mallory@example.com', password: 'correct horse battery', orgName: 'Mine' },
    headers: { Origin: base },
  });
  expect(again.status()).toBe(409);
});
