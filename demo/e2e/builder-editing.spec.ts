import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { connect, createBot, docText, nodeOnCanvas, openBot, saved, signInQuietly } from './builder-support.ts';
import { COALESCE_MS } from '../../builder/model/history.ts';

/** Editing in the builder: undo/redo, hostile text, two editors, and imports of other formats. */
test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 60_000 });

const F = 'chatlet.scenario/1';
const BPMN = (name: string) => new URL(`../../../shared/fixtures/bpmn/${name}`, import.meta.url);
const DRAWFLOW_DEMO = new URL(
  '../../compiler/phases/1-parse/drawflow/fixtures/drawflow-docs-demo.json',
  import.meta.url,
);

const starter = {
  format: F,
  name: 'Editing',
  locale: 'en',
  variables: { name: '' },
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', text: 'Hello!', next: 'ask' },
    { id: 'ask', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'bye' },
    { id: 'bye', type: 'end', text: 'Bye {{name}}' },
  ],
  layout: { hello: { x: 40, y: 40 }, ask: { x: 300, y: 40 }, bye: { x: 560, y: 40 } },
};

const history = (page: Page) =>
  page.evaluate(() => (window as any).chatletBuilder.store.get().history.past.length as number);
/** Puts the focus on the canvas, so shortcuts go to the editor rather than to a field. */
const canvasFocus = async (page: Page) => {
  await page.getByRole('application', { name: 'Canvas' }).click({ position: { x: 700, y: 600 } });
};

test.beforeEach(async ({ page, baseURL }) => {
  await signInQuietly(page, baseURL!);
});

test('undo and redo step through twenty edits made with the mouse, the keyboard and the panels, restoring exact documents', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // The page's clock, so a second between two edits passes at once instead of in real time.
  await page.clock.install();
  await openBot(page, await createBot(page.request, baseURL!, 'Undo', starter));
  const snapshots = [await docText(page)];
  const edit = async (what: string, act: () => Promise<unknown>) => {
    const before = await history(page);
    await act();
    await expect.poll(() => history(page), { message: what }).toBe(before + 1);
    snapshots.push(await docText(page));
    // Edits of one field within a second merge into one step; move the clock on so each counts alone.
    await page.clock.fastForward(COALESCE_MS + 100);
  };
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const select = (id: string) => nodeOnCanvas(page, id).locator('.cl-title').click();

  await edit('add a message from the palette', () => page.getByRole('button', { name: /^Message/ }).click());
  await edit('type its text', () => field('Text').fill('Welcome back'));
  await edit('add a choice', () => page.getByRole('button', { name: /^Choice/ }).click());
  await edit('type the question', () => field('Question').fill('Pick'));
  await edit('add an option', () => page.getByRole('button', { name: 'Add option' }).click());
  await edit('label it', () => field('Option 3 label').fill('Maybe'));
  await edit('remove the first option', () => page.getByRole('button', { name: 'Remove options 1' }).click());
  await edit('connect hello to the choice by dragging', () => connect(page, 'hello', 0, 'choice_1'));
  await edit('point an option at bye from the panel', () => page.getByLabel('No', { exact: true }).selectOption('bye'));
  await edit('drag a node', async () => {
    const box = (await nodeOnCanvas(page, 'bye').boundingBox())!;
    await page.mouse.move(box.x + 60, box.y + 30);
    await page.mouse.down();
    // Down and left, but not so far that it lands under the Problems panel, where a later click cannot reach it.
    await page.mouse.move(box.x - 160, box.y + 150, { steps: 5 });
    await page.mouse.up();
  });
  await edit('label a node', async () => {
    await select('ask');
    await field('Label (for you, on the canvas)').fill('Name question');
  });
  await edit('rename a node', async () => {
    await field('Id').fill('ask_name');
    await field('Id').press('Tab');
  });
  await edit('make it the start', () => page.getByRole('button', { name: 'Start here' }).click());
  await edit('delete with the Delete key', async () => {
    await select('message_1');
    await page.keyboard.press('Delete');
  });
  await edit('copy and paste with the keyboard', async () => {
    await select('hello');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
  });
  await edit('add a variable', async () => {
    await page.getByRole('tab', { name: 'Variables' }).click();
    await page.getByRole('button', { name: 'Add variable' }).click();
  });
  await edit('change a setting', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await field('Chat title').fill('Helper');
  });
  await edit('change the mode', () => field('How the chat appears').selectOption('popup'));
  await edit('add a language to a text', async () => {
    await select('bye');
    await page.getByRole('tab', { name: 'Node' }).click();
    await page.getByLabel('Language code to add to Last words').fill('uk');
    await page.getByLabel('Language code to add to Last words').press('Tab');
    await page.getByRole('button', { name: 'Add language' }).click();
  });
  await edit('disconnect a branch from the panel', async () => {
    await select('hello_copy');
    await page.getByLabel('next', { exact: true }).selectOption('');
  });
  expect(snapshots).toHaveLength(21);
  expect(new Set(snapshots).size).toBe(21);

  await canvasFocus(page);
  for (let i = 19; i >= 0; i--) {
    await page.keyboard.press('Control+z');
    await expect.poll(() => docText(page)).toBe(snapshots[i]);
  }
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  for (let i = 1; i <= 20; i++) {
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => docText(page)).toBe(snapshots[i]);
  }
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeDisabled();
});

test('a new id being typed survives the builder drawing again (an autosave, another edit) before the field loses focus', async ({
  page,
  baseURL,
}) => {
  await openBot(page, await createBot(page.request, baseURL!, 'Rename', starter));
  await nodeOnCanvas(page, 'ask').locator('.cl-title').click();
  const id = page.getByLabel('Id', { exact: true });
  await id.fill('ask_name');
  // Something else changes while the author is still in the field, as an autosave finishing or a second editor's
  // change would: the builder draws the panel again.
  await page.evaluate(() => (window as any).chatletBuilder.store.run({ type: 'setStart', id: 'bye' }));
  await expect(page.getByRole('button', { name: 'Start here' })).toBeVisible();
  await expect(id).toHaveValue('ask_name');
  await id.press('Tab');
  await expect
    .poll(async () => JSON.parse(await docText(page)).nodes.map((n: { id: string }) => n.id))
    .toEqual(['hello', 'ask_name', 'bye']);
});

test('a hostile label and text stay text on the canvas and in the panels, and run nothing', async ({
  page,
  baseURL,
}) => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const id = await createBot(page.request, baseURL!, 'Hostile', {
    ...starter,
    nodes: [
      { ...starter.nodes[0], label: hostile, text: `<script>window.__pwned=2</script>${hostile}` },
      ...starter.nodes.slice(1),
    ],
  });
  await openBot(page, id);
  const node = nodeOnCanvas(page, 'hello');
  await expect(node.locator('.cl-title')).toHaveText(hostile);
  await expect(node.locator('.cl-line')).toHaveText(`<script>window.__pwned=2</script>${hostile}`);
  await node.locator('.cl-title').click();
  await expect(page.getByLabel('Label (for you, on the canvas)', { exact: true })).toHaveValue(hostile);
  // Typed in the panel, too.
  await page.getByLabel('Label (for you, on the canvas)', { exact: true }).fill(`${hostile}!`);
  await expect(node.locator('.cl-title')).toHaveText(`${hostile}!`);
  await page.getByRole('combobox', { name: 'next' }).selectOption({ index: 0 });
  await expect(page.locator('.cl-app img, .cl-app script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
});

test('when two editors save the same bot, the second is told about the conflict instead of overwriting', async ({
  page,
  browser,
  baseURL,
  guard,
}) => {
  // The second editor's save is refused with a 409 on purpose: that refusal is what the test is about.
  guard.allow(/^response \S+\/api\/v1\/bots\/\w+\/scenario PUT 409$/);
  const id = await createBot(page.request, baseURL!, 'Two editors', starter);
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const second = await other.newPage();
  await signInQuietly(second, baseURL!);
  await openBot(page, id);
  await openBot(second, id);

  await page.getByRole('button', { name: /^Message/ }).click();
  await saved(page);
  await second.getByRole('button', { name: /^End/ }).click();
  await expect(second.getByRole('alert')).toContainText('Someone else saved this bot after you opened it');
  await expect(second.getByText('Not saved: conflict')).toBeVisible();

  // Taking their version shows the first editor's node, and saving works again.
  await second.getByRole('button', { name: 'Reload their version' }).click();
  await expect(nodeOnCanvas(second, 'message_1')).toBeVisible();
  await expect(nodeOnCanvas(second, 'end_1')).toHaveCount(0);
  await second.getByRole('button', { name: /^Choice/ }).click();
  await saved(second);
  await other.close();
});

test('a Camunda BPMN file imports onto the canvas, with what could not be carried over listed', async ({
  page,
  baseURL,
}) => {
  await openBot(page, await createBot(page.request, baseURL!, 'From BPMN', starter));
  await page.locator('input[type=file]').setInputFiles({
    name: 'Client-DeployWorkflow.bpmn',
    mimeType: 'application/xml',
    buffer: readFileSync(BPMN('Client-DeployWorkflow.bpmn')),
  });
  await expect(nodeOnCanvas(page, 'ExclusiveGateway_0wne7eb')).toContainText('Wait');
  await expect(page.locator('.drawflow-node')).toHaveCount(5);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('0 errors');
  await expect(problems).toContainText('service task "demo-service" has no "url" task header');
  await problems.getByRole('button', { name: /demo-service/ }).click();
  await expect(page.getByRole('form', { name: 'Properties of ServiceTask_0xdwuw7' })).toBeVisible();
});

test("Drawflow's own demo export imports without rendering any of its html", async ({ page, baseURL }) => {
  await openBot(page, await createBot(page.request, baseURL!, 'From Drawflow', starter));
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'drawflow.json', mimeType: 'application/json', buffer: readFileSync(DRAWFLOW_DEMO) });
  await expect(page.locator('.drawflow-node')).toHaveCount(11);
  await expect(
    page.locator('.cl-canvas .dbclickbox, .cl-canvas select, .cl-canvas textarea, .cl-canvas a, .cl-canvas i'),
  ).toHaveCount(0);
  await expect(nodeOnCanvas(page, 'node_7')).toContainText('Unknown type "facebook"');
  await expect(page.locator('.cl-edges .connection')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('unknown type');
});

test('every starter template opens with no problems', async ({ page }) => {
  for (const title of ['Lead capture', 'FAQ with intents', 'Appointment reminder', 'Support with handoff']) {
    await page.goto('/builder');
    await page.getByRole('button', { name: new RegExp(`^${title} `) }).click();
    await expect(page.getByRole('region', { name: 'Problems' })).toContainText('0 errors, 0 warnings', {
      timeout: 15_000,
    });
  }
});

test('several nodes are selected with Shift, dragged together and deleted together; zoom changes the view only', async ({
  page,
  baseURL,
}) => {
  await openBot(page, await createBot(page.request, baseURL!, 'Multi', starter));
  await nodeOnCanvas(page, 'hello').locator('.cl-title').click();
  await nodeOnCanvas(page, 'ask')
    .locator('.cl-title')
    .click({ modifiers: ['Shift'] });
  await expect(page.locator('.cl-selected')).toHaveCount(2);
  const before = JSON.parse(await docText(page)).layout;
  const box = (await nodeOnCanvas(page, 'hello').boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 230, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => JSON.parse(await docText(page)).layout.ask.y).toBeGreaterThan(before.ask.y + 150);
  const after = JSON.parse(await docText(page)).layout;
  // Both moved by the same amount, in one undoable step.
  expect(after.ask.y - before.ask.y).toBe(after.hello.y - before.hello.y);
  expect(after.ask.x - before.ask.x).toBe(after.hello.x - before.hello.x);

  const doc = await docText(page);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.locator('.drawflow')).toHaveAttribute('style', /scale\(1\.1/);
  expect(await docText(page)).toBe(doc);

  await page.keyboard.press('Delete');
  await expect(page.locator('.drawflow-node')).toHaveCount(1);
  // The start went with them, so the bot now starts at what is left.
  await expect(nodeOnCanvas(page, 'bye').locator('.cl-start-tag')).toHaveText('Start');
});

test('the preview starts from the selected node, and an older version can be restored', async ({ page, baseURL }) => {
  await openBot(page, await createBot(page.request, baseURL!, 'Versions', starter));
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1.')).toBeVisible({ timeout: 15_000 });

  await nodeOnCanvas(page, 'ask').locator('.cl-title').click();
  await page.getByLabel('Question', { exact: true }).fill('What should I call you?');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByRole('button', { name: 'Start from selected node' }).click();
  const frame = page.frameLocator('iframe[title="Bot preview"]');
  await expect(frame.getByRole('listitem').first()).toHaveText('What should I call you?', { timeout: 15_000 });
  await expect(frame.getByRole('listitem').filter({ hasText: 'Hello!' })).toHaveCount(0);

  await saved(page);
  await page.getByRole('tab', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(page.getByText('Version 1 is the draft again.')).toBeVisible();
  await expect(nodeOnCanvas(page, 'ask')).toContainText('Your name?');
});
