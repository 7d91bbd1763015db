import { expect, test } from './support/test.ts';
import { createBot, nodeOnCanvas, openBot, signInQuietly } from './builder-support.ts';

/**
 * What the server's compile of a draft finds shows on the canvas like the live check's problems:
 * a script that does not parse is found by the full compile (it bundles the code) when the draft is
 * created or saved, and the builder marks its node and lists it, once, in the Problems panel. The
 * live check finds it too, with acorn fetched only once the scenario has a script.
 */
test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ timeout: 90_000 });

const scenario = (code: string) => ({
  format: 'chatlet.scenario/1',
  name: 'Script check',
  locale: 'en',
  start: 'calc',
  nodes: [
    { id: 'calc', type: 'script', code, next: 'bye' },
    { id: 'bye', type: 'end', text: 'Done' },
  ],
  layout: { calc: { x: 80, y: 80 }, bye: { x: 400, y: 80 } },
});

test.beforeEach(async ({ page, baseURL }) => {
  await signInQuietly(page, baseURL!);
});

test("a script that does not parse shows its error on the node and once in the Problems panel, from the server's save", async ({
  page,
  baseURL,
}) => {
  const id = await createBot(page.request, baseURL!, 'Script check', scenario('return { total: vars.price * 2 '));
  // The draft as the server stored it carries the compile's diagnostic: that is what the builder gets to show.
  const stored = await (await page.request.get(`/api/v1/bots/${id}`)).json();
  expect(stored.draft.diagnostics.map((d: { code: string }) => d.code)).toContain('script.syntax');

  await openBot(page, id);
  const node = nodeOnCanvas(page, 'calc');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(node).toHaveClass(/cl-has-error/);
  await expect(node.locator('.cl-badge')).toHaveText('1 error');
  await expect(problems.locator('.cl-code', { hasText: 'script.syntax' })).toHaveCount(1);
  await expect(problems.locator('.cl-count')).toHaveText('1 error, 0 warnings');

  // Fixing the code clears it; breaking it again comes back with the save's answer.
  await node.locator('.cl-title').click();
  const code = page.getByLabel('Code (receives vars, returns variables to set)');
  const save = () =>
    page.waitForResponse((r) => r.url().endsWith(`/bots/${id}/scenario`) && r.request().method() === 'PUT');
  let answer = save();
  await code.fill('return { total: vars.price * 2 };');
  expect((await (await answer).json()).diagnostics).toEqual([]);
  await expect(node).not.toHaveClass(/cl-has-error/);
  await expect(problems).toContainText('No problems');

  answer = save();
  await code.fill('return }{');
  const saved = (await (await answer).json()) as { diagnostics: { code: string; nodeId?: string }[] };
  expect(saved.diagnostics).toContainEqual(expect.objectContaining({ code: 'script.syntax', nodeId: 'calc' }));
  await expect(node.locator('.cl-badge')).toHaveText('1 error');
  await expect(problems.locator('.cl-code', { hasText: 'script.syntax' })).toHaveCount(1);
  await problems.getByRole('button', { name: /does not parse/ }).click();
  await expect(node).toHaveClass(/cl-selected/);
  await page.screenshot({ path: '/tmp/h5-save-diagnostics.png' });
});

/** acorn's chunk of the builder (rollup.config.mjs names chunks `[name]-[hash].js`). */
const ACORN_CHUNK = /\/assets\/acorn-syntax-[\w-]{8}\.js$/;

test('a bot without a script opens without downloading the script parser; a script node added with a syntax error fetches it and shows script.syntax before any save answers', async ({
  page,
  baseURL,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // A new bot: the server's starter scenario, which has no script.
  const res = await page.request.post('/api/v1/bots', {
    data: { name: 'No script yet' },
    headers: { Origin: baseURL! },
  });
  expect(res.status(), await res.text()).toBe(201);
  const id = (await res.json()).id as string;
  await openBot(page, id);
  const problems = page.getByRole('region', { name: 'Problems' });
  // The live check has run on the loaded bot (it runs after the canvas's first paint).
  await expect(problems).toContainText('No problems');
  expect(requests.filter((u) => u.endsWith('/assets/builder.js'))).toHaveLength(1);
  expect(requests.filter((u) => ACORN_CHUNK.test(u))).toEqual([]);

  // Saves are held, so whatever shows comes from the builder's own check, not from the server's compile.
  const held: (() => Promise<void>)[] = [];
  await page.route(`**/api/v1/bots/${id}/scenario`, (route) => void held.push(() => route.continue()));
  const parser = page.waitForRequest(ACORN_CHUNK);
  await page.locator('.cl-palette-item[data-node-type="script"]').click();
  await page.getByLabel('Code (receives vars, returns variables to set)').fill('return }{');
  const chunk = await (await parser).response();
  expect(chunk?.status()).toBe(200);
  expect(chunk?.headers()['content-type']).toMatch(/^(text|application)\/javascript/);
  expect(chunk?.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  await expect(problems.locator('.cl-code', { hasText: 'script.syntax' })).toHaveCount(1);
  await expect(page.locator('.drawflow-node.cl-has-error')).toHaveCount(1);
  expect(requests.filter((u) => ACORN_CHUNK.test(u))).toHaveLength(1);
  await page.unroute(`**/api/v1/bots/${id}/scenario`);
  for (const go of held) await go();
});

test('when the server cannot be reached, the autosave says so in words, and Try again saves once it can', async ({
  page,
  baseURL,
  guard,
}) => {
  guard.allow(/requestfailed .*\/scenario PUT net::ERR_INTERNET_DISCONNECTED/);
  const id = await createBot(page.request, baseURL!, 'Offline save', scenario('return { total: 1 };'));
  await openBot(page, id);
  let offline = true;
  await page.route(`**/api/v1/bots/${id}/scenario`, (route) =>
    offline ? route.abort('internetdisconnected') : route.continue(),
  );
  await nodeOnCanvas(page, 'calc').locator('.cl-title').click();
  await page.getByLabel('Code (receives vars, returns variables to set)').fill('return { total: 2 };');
  await expect(page.getByRole('alert')).toContainText(
    'Your changes are not saved: The server did not answer. Check your connection and try again.',
  );
  await page.screenshot({ path: '/tmp/h5-save-offline.png' });
  offline = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();
  const stored = await (await page.request.get(`/api/v1/bots/${id}`)).json();
  expect(stored.draft.scenario.nodes[0].code).toBe('return { total: 2 };');
});
