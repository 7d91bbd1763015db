import { readFile } from 'node:fs/promises';
import { expect, test } from './support/test.ts';
import { BotWidget } from './support/bot-widget.ts';
import { axeClean } from './support/console.ts';
import { createBot, nodeOnCanvas, saved, signInQuietly } from './builder-support.ts';
import { BLANK } from '../../builder/model/templates.ts';

/**
 * Results and analytics from the owner's side: a bot started from the Lead capture template collects
 * name, email and plan; one visitor finishes on the bot's test page, another leaves half-way; the owner sees both in
 * the Results tab, downloads the CSV, deletes one, and reads the drop-off on the canvas.
 */
test.use({ viewport: { width: 1440, height: 900 } });

test('an owner who starts from Lead capture sees a finished and an abandoned lead, downloads them, deletes one, and sees where visitors left on the canvas', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await signInQuietly(page, baseURL!);
  await page.goto('/builder');
  // The template's card (its name goes on with its description): bots made from it earlier are named just "Lead capture".
  await page.getByRole('button', { name: /^Lead capture \S/ }).click();
  await expect(page.getByRole('application', { name: 'Canvas' })).toBeVisible({ timeout: 15_000 });
  const botId = new URL(page.url()).searchParams.get('bot')!;
  await saved(page);

  // The template opts in: its settings say what is kept, and only that.
  const settings = page.getByRole('group', { name: 'Results' });
  await expect(settings.getByRole('checkbox', { name: "Keep each conversation's results" })).toBeChecked();
  const answers = settings.getByRole('group', { name: 'Answers to keep' });
  await expect(answers.getByRole('checkbox', { name: 'email' })).toBeChecked();
  await expect(answers.getByRole('checkbox', { name: 'name' })).toBeChecked();
  await expect(answers.getByRole('checkbox', { name: 'seats' })).not.toBeChecked();
  await expect(settings).toContainText('Nothing else the visitor typed is ever sent');
  await settings.screenshot({ path: '/tmp/r5-settings.png' });

  // Before anyone came: the Results tab says when results appear (the bot is not live yet). An edit made just
  // before leaving the editor is saved on the way, not lost.
  await page.getByLabel('Chat title').fill('Ava from Acme');
  await page.getByRole('link', { name: 'Results', exact: true }).click();
  // The save compiles the draft on the server first, which takes seconds on a busy machine.
  await expect(page.getByRole('heading', { name: 'Results of Lead capture' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('This bot is not published.')).toBeVisible();
  await page.getByRole('link', { name: 'Open in the editor' }).click();
  await expect(page.getByRole('application', { name: 'Canvas' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('Chat title')).toHaveValue('Ava from Acme');
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1.')).toBeVisible({ timeout: 20_000 });

  // Ann finishes the conversation on the bot's test page.
  const ann = await (await browser.newContext()).newPage();
  await ann.goto(`${baseURL}/try/${botId}`);
  const annBot = new BotWidget(ann, botId);
  await annBot.open();
  await annBot.answer('Ann');
  await annBot.answer('ann@acme.example');
  await annBot.choose('Basic');
  await annBot.expectMessage("Thanks Ann! We'll email ann@acme.example about the basic plan.");

  // Bo gives name and email, then closes the tab at the plan question.
  const boContext = await browser.newContext();
  const bo = await boContext.newPage();
  await bo.goto(`${baseURL}/try/${botId}`);
  const boBot = new BotWidget(bo, botId);
  await boBot.open();
  await boBot.answer('Bo');
  await boBot.answer('bo@acme.example');
  await expect(boBot.option('Team')).toBeVisible();
  await bo.close({ runBeforeUnload: true });

  // Both appear within seconds, newest first, with the collected columns.
  await page.goto(`/builder?bot=${botId}&view=results`);
  const table = page.getByRole('table', { name: 'Results' });
  await expect(async () => {
    await page.reload();
    await expect(table.getByRole('row')).toHaveCount(3, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(table.getByRole('columnheader')).toContainText([
    'Started',
    'Updated',
    'Status',
    'Last node',
    'name',
    'email',
    'plan',
  ]);
  const annRow = table.getByRole('row').filter({ hasText: 'ann@acme.example' });
  const boRow = table.getByRole('row').filter({ hasText: 'bo@acme.example' });
  await expect(annRow).toContainText('Completed');
  await expect(annRow).toContainText('basic');
  await expect(boRow).toContainText('Abandoned');
  await expect(boRow.getByRole('cell').nth(3)).toHaveText('plan');

  // Bo's row opens the path Bo took, node by node.
  await boRow.getByRole('cell').first().click();
  const path = page.getByRole('region', { name: 'Reached path' });
  await expect(path.getByRole('listitem')).toHaveText([
    /^hello — Hi! I'm Ava/,
    "ask_name — What's your name?",
    'ask_email — Thanks, {{name}}! Your work email?',
    'plan — Which plan fits you?',
  ]);

  // Only the abandoned ones.
  await page.getByLabel('Show').selectOption('abandoned');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('bo@acme.example');
  await page.getByLabel('Show').selectOption('all');
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: '/tmp/r5-results-tab.png', fullPage: true });
  await axeClean(page, 'results tab');

  // The CSV: a header row with the collected columns, then both leads.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^.*results-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('id,startedAt,updatedAt,completed,lastNodeId,name,email,plan');
  expect(lines).toHaveLength(3);
  expect(csv).toContain('ann@acme.example');
  expect(csv).toContain('bo@acme.example');

  // Deleting Ann's result asks first, naming it, and then the row is gone.
  await annRow.getByRole('button', { name: /^Delete the result started/ }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('email: ann@acme.example');
  await dialog.getByRole('button', { name: 'Delete result' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).not.toContainText('ann@acme.example');

  // Analytics on the canvas: Bo alone is counted now, who reached the plan question and left there.
  await page.getByRole('link', { name: 'Open in the editor' }).click();
  await expect(page.getByRole('application', { name: 'Canvas' })).toBeVisible({ timeout: 15_000 });
  await expect(nodeOnCanvas(page, 'hello').locator('.cl-figures')).toHaveCount(0);
  await page.getByRole('button', { name: 'Analytics' }).click();
  const bar = page.getByRole('region', { name: 'Analytics' });
  await expect(bar.getByRole('status')).toHaveText('1 conversation started · 0 completed (0%)');
  await expect(nodeOnCanvas(page, 'hello').locator('.cl-figures')).toHaveText('1 visitor · 0% drop-off');
  await expect(nodeOnCanvas(page, 'plan').locator('.cl-figures')).toHaveText('1 visitor · 100% drop-off');
  await expect(nodeOnCanvas(page, 'bye').locator('.cl-figures')).toHaveText('0 visitors · no drop-off');
  await expect(bar.getByLabel('Version')).toContainText('Version 1');
  await page.screenshot({ path: '/tmp/r5-analytics.png' });

  // Off again: the nodes are as before.
  await page.getByRole('button', { name: 'Analytics' }).click();
  await expect(page.locator('.cl-figures')).toHaveCount(0);
});

test('a bot that collects nothing explains how to opt in, and a Results page that cannot load says why instead of going blank', async ({
  page,
  baseURL,
  guard,
}) => {
  await signInQuietly(page, baseURL!);
  const id = await createBot(page.request, baseURL!, 'Quiet bot', { ...BLANK(), name: 'Quiet bot' });
  await page.goto('/builder');
  await page.getByRole('link', { name: 'Results of Quiet bot' }).click();
  await expect(page.getByRole('heading', { name: 'This bot does not collect results' })).toBeVisible();
  await expect(page.getByText('settings.results', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings → Results' })).toHaveAttribute('href', `/builder?bot=${id}`);
  await expect(page.getByRole('table', { name: 'Results' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveCount(0);
  await expect(page.getByLabel('Show')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/r5-results-not-collecting.png' });

  guard.allow(/^response \S+\/api\/v1\/bots\/b_missing(\/results)? GET 404$/);
  await page.goto('/builder?bot=b_missing&view=results');
  await expect(page.getByRole('alert').first()).toContainText(/could not be (opened|loaded): \S/);
  await expect(page.getByRole('link', { name: 'Open in the editor' })).toBeVisible();
});

test('an A/B split shows on the canvas how many conversations took each branch and how many of those finished, for the chosen version', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signInQuietly(page, baseURL!);
  const doc = {
    format: 'chatlet.scenario/1',
    name: 'Greeting test',
    settings: { mode: 'bubble', startOn: { type: 'open' }, results: { collect: [] } },
    start: 'ab',
    nodes: [
      {
        id: 'ab',
        type: 'split',
        branches: [
          { weight: 1, next: 'warm' },
          { weight: 1, next: 'short' },
        ],
      },
      { id: 'warm', type: 'message', text: 'Hello there, welcome!', next: 'bye' },
      { id: 'short', type: 'message', text: 'Hi.', next: 'bye' },
      { id: 'bye', type: 'end', text: 'Bye.' },
    ],
  };
  const id = await createBot(page.request, baseURL!, 'Greeting test', doc);
  const published = await page.request.post(`/api/v1/bots/${id}/publish`, { headers: { Origin: baseURL! } });
  expect(published.status(), await published.text()).toBe(201);

  // Two visitors, each sent down one branch at random, both finish.
  for (let i = 0; i < 2; i++) {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${baseURL}/try/${id}`);
    const bot = new BotWidget(visitor, id);
    await bot.open();
    await bot.expectMessage('Bye.');
  }

  await page.goto(`/builder?bot=${id}`);
  await expect(page.getByRole('application', { name: 'Canvas' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Analytics' }).click();
  const bar = page.getByRole('region', { name: 'Analytics' });
  await expect(async () => {
    // The reports go out as each conversation ends; re-asking by picking the version again once they are in.
    await bar.getByLabel('Version').selectOption('');
    await bar.getByLabel('Version').selectOption('1');
    await expect(bar.getByRole('status')).toHaveText('2 conversations started · 2 completed (100%)', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });
  const branches = nodeOnCanvas(page, 'ab').locator('.cl-figures-branch');
  await expect(branches).toHaveText([
    /^Branch 1 → warm: \d starts? · \d completed \((100%|–)\)$/,
    /^Branch 2 → short: \d starts? · \d completed \((100%|–)\)$/,
  ]);
  const starts = (await branches.allTextContents()).map((t) => Number(/: (\d) start/.exec(t)![1]));
  expect(starts[0] + starts[1]).toBe(2);
  await expect(nodeOnCanvas(page, 'bye').locator('.cl-figures-main')).toHaveText('2 visitors · 0% drop-off');
  await page.screenshot({ path: '/tmp/r5-analytics-split.png' });
});
