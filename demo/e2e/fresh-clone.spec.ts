import { FreshClone } from './support/fresh-clone.ts';
import { expect, test as guarded } from './support/test.ts';

/**
 * The README's promise, kept from a clean clone: `npm install && npm start` (here `npm ci`, the
 * lock file's exact install) gives a working server, builder and console with no build step.
 * The clone is of HEAD, so what is not committed does not count, as on CI.
 */
const test = guarded.extend<{ fresh: FreshClone }>({
  fresh: async ({}, use, testInfo) => {
    const fresh = new FreshClone();
    try {
      await use(fresh);
    } finally {
      // Whatever happened: the server stops and the folder goes.
      await fresh.dispose();
      testInfo.annotations.push({ type: 'seconds per step', description: JSON.stringify(fresh.timings) });
    }
  },
});

// One clone, install and server is all the two cores can take at once.
test.describe.configure({ mode: 'serial' });

test('a fresh clone installed from its lock file starts with `npm start` and asks for the owner account', async ({ browser, guard, fresh }) => {
  test.setTimeout(180_000);
  await fresh.clone();
  await fresh.install();
  const chatlet = await fresh.start(60_000);
  guard.watchOrigin(chatlet);

  const context = await browser.newContext({ baseURL: chatlet, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Create owner account' })).toBeVisible();
  await context.close();
});
