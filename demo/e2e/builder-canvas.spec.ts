import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { createBot, docText, nodeOnCanvas, openBot, saved, signInQuietly } from './builder-support.ts';

/** What a new author meets first, on a laptop-sized window: templates, the canvas's view, durations, a blank bot. */
test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ timeout: 90_000 });

const DEMO = JSON.parse(readFileSync(new URL('../scenario.json', import.meta.url), 'utf8'));
const canvas = (page: Page) => page.getByRole('application', { name: 'Canvas' });
const zoomLabel = (page: Page) => page.getByRole('button', { name: 'Reset zoom' });
const zoomPercent = async (page: Page) => Number((await zoomLabel(page).textContent())!.replace('%', ''));
const editorReady = (page: Page) => page.waitForFunction(() => !!(window as any).chatletBuilder?.canvas);

/** Every node's box lies inside the canvas's box, not under the palette, the inspector or the Problems panel. */
async function expectAllNodesInView(page: Page): Promise<void> {
  const area = (await canvas(page).boundingBox())!;
  const nodes = page.locator('.drawflow-node');
  const count = await nodes.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const node: Locator = nodes.nth(i).locator('.drawflow_content_node');
    const box = (await node.boundingBox())!;
    const id = await nodes.nth(i).getAttribute('data-node-id');
    expect([
      id,
      box.x >= area.x - 1,
      box.y >= area.y - 1,
      box.x + box.width <= area.x + area.width + 1,
      box.y + box.height <= area.y + area.height + 1,
    ]).toEqual([id, true, true, true, true]);
  }
}

/** The draft the server has for a bot. */
async function savedDraft(page: Page, id: string): Promise<any> {
  return (await (await page.request.get(`/api/v1/bots/${id}`)).json()).draft.scenario;
}

test.beforeEach(async ({ page, baseURL }) => {
  await signInQuietly(page, baseURL!);
});

test('a template opens with every node in view; zooming changes the label, and Fit shows every node again', async ({
  page,
}) => {
  await page.goto('/builder');
  await page.getByRole('button', { name: /^Lead capture/ }).click();
  await editorReady(page);
  await expect(nodeOnCanvas(page, 'bye')).toBeVisible();
  await expectAllNodesInView(page);
  const fitted = await zoomPercent(page);
  expect(fitted).toBeGreaterThanOrEqual(70);
  await page.screenshot({ path: test.info().outputPath('template-opened.png') });

  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(zoomLabel(page)).toHaveText(`${fitted - 10}%`);
  // Ctrl and the wheel, over the canvas.
  const area = (await canvas(page).boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, 100);
  await page.keyboard.up('Control');
  await expect(zoomLabel(page)).toHaveText(`${fitted - 20}%`);
  await page.keyboard.press('+');
  await expect(zoomLabel(page)).toHaveText(`${fitted - 10}%`);
  await zoomLabel(page).click();
  await expect(zoomLabel(page)).toHaveText('100%');

  // At 100 % some nodes are out of view; Fit (the button, then Shift+1) brings every one back.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(zoomLabel(page)).toHaveText(`${fitted}%`);
  await expectAllNodesInView(page);
  await zoomLabel(page).click();
  await canvas(page).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+Digit1');
  await expect(zoomLabel(page)).toHaveText(`${fitted}%`);
  await expectAllNodesInView(page);
});

test('the demo bot, thirteen steps in one long row, opens with every step in view', async ({ page, baseURL }) => {
  await openBot(page, await createBot(page.request, baseURL!, 'Demo copy', DEMO));
  await expect(page.locator('.drawflow-node')).toHaveCount(13);
  await expectAllNodesInView(page);
  // A copy without positions is laid out in lines that fit, so it opens larger.
  const { layout: _, ...unplaced } = DEMO;
  await openBot(page, await createBot(page.request, baseURL!, 'Demo without layout', unplaced));
  await expect(page.locator('.drawflow-node')).toHaveCount(13);
  await expectAllNodesInView(page);
  expect(await zoomPercent(page)).toBeGreaterThanOrEqual(45);
  await page.screenshot({ path: test.info().outputPath('demo-without-layout.png') });
});

test('opening the preview leaves the canvas most of the window and every node still reachable', async ({ page }) => {
  await page.goto('/builder');
  await page.getByRole('button', { name: /^Support with handoff/ }).click();
  await editorReady(page);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.frameLocator('iframe[title="Bot preview"]').getByRole('log')).toBeVisible({ timeout: 20_000 });
  const width = (await canvas(page).boundingBox())!.width;
  expect(width).toBeGreaterThanOrEqual(700);
  await page.keyboard.press('Shift+Digit1');
  await expectAllNodesInView(page);
  // The inspector is still there, above the preview.
  await nodeOnCanvas(page, 'human').locator('.cl-title').click();
  await expect(page.getByRole('form', { name: 'Properties of human' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('preview-open.png') });
});

test('durations show as a number and a unit, and a change saves the right ISO 8601 value', async ({ page }) => {
  await page.goto('/builder');
  await page.getByRole('button', { name: /^Appointment reminder/ }).click();
  await editorReady(page);
  const id = new URL(page.url()).searchParams.get('bot')!;

  // Settings: the threshold PT1M reads "1 minute"; the typing pause is set to 0.8 seconds.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Long-timer threshold', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Long-timer threshold unit')).toHaveValue('min');
  await expect(page.getByLabel('Long-timer threshold unit').locator('option:checked')).toHaveText('minute');
  await page.getByLabel('Typing pause before each message', { exact: true }).fill('0.8');
  await expect(page.getByLabel('Typing pause before each message unit')).toHaveValue('s');

  // A delay node: P1D reads "1 day"; 36 hours is written PT36H.
  await nodeOnCanvas(page, 'wait_day').locator('.cl-title').click();
  await expect(page.getByLabel('Wait for', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Wait for unit')).toHaveValue('d');
  await page.getByLabel('Wait for', { exact: true }).fill('36');
  await page.getByLabel('Wait for unit').selectOption('h');
  await saved(page);
  const draft = await savedDraft(page, id);
  expect(draft.settings.typingDelay).toBe('PT0.8S');
  expect(draft.settings.longTimerThreshold).toBe('PT1M');
  expect(draft.nodes.find((n: { id: string }) => n.id === 'wait_day').duration).toBe('PT36H');
  await page.screenshot({ path: test.info().outputPath('durations.png') });
});

test('a duration written in months or as an expression is shown as written and kept', async ({ page, baseURL }) => {
  const scenario = {
    format: 'chatlet.scenario/1',
    name: 'Kept',
    locale: 'en',
    start: 'wait',
    nodes: [
      { id: 'wait', type: 'delay', duration: 'P1M', next: 'later' },
      { id: 'later', type: 'delay', duration: { expr: 'vars.pause' }, next: 'end' },
      { id: 'end', type: 'end' },
    ],
    variables: { pause: 1000 },
  };
  await openBot(page, await createBot(page.request, baseURL!, 'Kept durations', scenario));
  await nodeOnCanvas(page, 'wait').locator('.cl-title').click();
  await expect(page.getByLabel('Wait for', { exact: true })).toHaveValue('P1M');
  await expect(page.getByText('Months and years have no fixed length, so this is shown as written.')).toBeVisible();
  await nodeOnCanvas(page, 'later').locator('.cl-title').click();
  await expect(page.getByLabel('Wait for', { exact: true })).toHaveValue('vars.pause');
  expect(JSON.parse(await docText(page)).nodes.map((n: { duration?: unknown }) => n.duration)).toEqual([
    'P1M',
    { expr: 'vars.pause' },
    undefined,
  ]);
});

test('a blank bot says how to start, and the first node added becomes the start', async ({ page }) => {
  await page.goto('/builder');
  await page.getByRole('button', { name: /^Blank/ }).click();
  await editorReady(page);
  const hint = page.getByRole('note').filter({ hasText: 'Drag a Message from the palette to start' });
  await expect(hint).toBeVisible();
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('Add a first node: the bot starts there.');
  await expect(problems).not.toContainText('must be non-empty text');
  await page.screenshot({ path: test.info().outputPath('blank.png') });

  await hint.getByRole('button', { name: 'Add a first message' }).click();
  await expect(hint).toBeHidden();
  await expect(nodeOnCanvas(page, 'message_1').locator('.cl-start-tag')).toHaveText('Start');
  expect(JSON.parse(await docText(page)).start).toBe('message_1');
  await expect(problems).not.toContainText('Add a first node');
});

test('a node with an error and a warning says so on its badge, as the Problems panel and the toolbar count them', async ({
  page,
  baseURL,
}) => {
  const scenario = {
    format: 'chatlet.scenario/1',
    name: 'Counted',
    locale: 'en',
    start: 'hello',
    nodes: [
      { id: 'hello', type: 'message', text: 'Hi {{nobody}}', next: 'bye', colour: 'red' },
      { id: 'bye', type: 'end' },
    ],
  };
  await openBot(page, await createBot(page.request, baseURL!, 'Counted', scenario));
  const problems = page.getByRole('region', { name: 'Problems' });
  const panelCount = (await problems.locator('.cl-count').textContent())!;
  const toolbarCount = (await page.getByLabel('Problems in this bot').textContent())!;
  const badge = (await nodeOnCanvas(page, 'hello').locator('.cl-badge').textContent())!;
  expect(panelCount).toMatch(/^\d+ errors?, \d+ warnings?$/);
  expect(badge).toBe(panelCount.replace(/(^|, )0 \w+/g, '').replace(/^, /, ''));
  expect(toolbarCount).toBe(badge);
});

test('a double click on a template creates one bot; the card says Creating… and every card waits', async ({ page }) => {
  await page.goto('/builder');
  // Counted from this page's own requests: other specs create bots in the same organisation meanwhile.
  let creates = 0;
  // Hold the create request until the picker has been looked at.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/v1/bots', async (route) => {
    if (route.request().method() === 'POST') (creates++, await held);
    await route.continue();
  });
  const card = page.getByRole('button', { name: /^FAQ with intents/ });
  await card.dblclick();
  await expect(card).toContainText('Creating…');
  for (const other of await page.locator('.cl-template').all()) await expect(other).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('creating.png') });
  release();
  await editorReady(page);
  await expect(nodeOnCanvas(page, 'ask')).toBeVisible();
  expect(creates).toBe(1);
});

test('a bot that could not be created is explained, and the cards can be used again', async ({ page, guard }) => {
  guard.allow(/response \S+\/api\/v1\/bots POST 503/);
  await page.goto('/builder');
  let fail = true;
  await page.route('**/api/v1/bots', async (route) => {
    if (route.request().method() !== 'POST' || !fail) return route.continue();
    fail = false;
    await route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'server.draining', message: 'The server is shutting down.' } }),
    });
  });
  await page.getByRole('button', { name: /^Blank/ }).click();
  await expect(page.getByRole('alert')).toHaveText('The bot was not created: The server is shutting down. Try again.');
  await page.getByRole('button', { name: /^Blank/ }).click();
  await editorReady(page);
});
