import { readFileSync } from 'node:fs';
import { expect, test } from './support/test.ts';
import { createBot, docText, nodeOnCanvas, openBot, saved, signInQuietly } from './builder-support.ts';

/** The builder's bot settings (theme preview, origins, webhook) and its JSON export and import. */
test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 60_000 });

const starter = {
  format: 'chatlet.scenario/1',
  name: 'Settings',
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

test.beforeEach(async ({ page, baseURL }) => {
  await signInQuietly(page, baseURL!);
});

test('the theme preview follows the accent colour and title as they are typed, and origins and the webhook are saved on the server without showing the secret back', async ({
  page,
  baseURL,
}) => {
  const id = await createBot(page.request, baseURL!, 'Settings', starter);
  await openBot(page, id);
  await page.getByRole('tab', { name: 'Settings' }).click();

  const preview = page.getByLabel('Theme preview');
  await page.getByLabel('Accent colour').fill('#0f766e');
  await page.getByLabel('Chat title').fill('Ava from Acme');
  await expect(preview.locator('.cl-theme-header')).toHaveText('Ava from Acme');
  await expect(preview.locator('.cl-theme-header')).toHaveCSS('background-color', 'rgb(15, 118, 110)');

  await page
    .getByLabel('Pages allowed to embed the bot (origins, comma separated)')
    .fill('https://shop.example, https://www.shop.example');
  await page.getByLabel('Webhook URL').fill('https://hooks.shop.example/chatlet');
  await page.getByLabel('Webhook secret (leave empty to keep the current one)').fill('a-long-webhook-secret');
  await page.getByRole('button', { name: 'Save webhook and origins' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  // The secret field empties: it is never shown again.
  await expect(page.getByLabel('Webhook secret (leave empty to keep the current one)')).toHaveValue('');

  const res = await page.request.get(`/api/v1/bots/${id}/settings`);
  expect(res.status()).toBe(200);
  const settings = await res.json();
  expect(settings).toMatchObject({
    allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
    webhookUrl: 'https://hooks.shop.example/chatlet',
    webhookSecretSet: true,
  });
  expect(JSON.stringify(settings)).not.toContain('a-long-webhook-secret');

  // The theme is part of the scenario, saved with the draft.
  await saved(page);
  const draft = JSON.parse(await docText(page));
  expect(draft.settings.theme).toEqual({ accent: '#0f766e', title: 'Ava from Acme' });

  // Opened again later, the builder shows what was saved.
  await openBot(page, id);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Webhook URL')).toHaveValue('https://hooks.shop.example/chatlet');
  await expect(page.getByLabel('Pages allowed to embed the bot (origins, comma separated)')).toHaveValue(
    'https://shop.example, https://www.shop.example',
  );
  await expect(page.getByLabel('Theme preview').locator('.cl-theme-header')).toHaveText('Ava from Acme');
});

test('Export JSON downloads the document being edited, and importing an edited copy replaces it on the canvas', async ({
  page,
  baseURL,
}) => {
  await openBot(page, await createBot(page.request, baseURL!, 'Export', starter));
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Settings.json');
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(exported).toEqual(JSON.parse(await docText(page)));

  exported.name = 'Imported';
  exported.nodes.find((n: { id: string }) => n.id === 'hello').text = 'Hello again, from the file!';
  await page.locator('input[type=file]').setInputFiles({
    name: 'edited.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await expect(nodeOnCanvas(page, 'hello')).toContainText('Hello again, from the file!');
  expect(JSON.parse(await docText(page))).toEqual(exported);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('0 errors');

  // A file that is not a scenario is refused with a note, and the document stays as it was.
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await expect(page.getByText('notes.json is not a scenario (it has no "nodes" list).')).toBeVisible();
  expect(JSON.parse(await docText(page))).toEqual(exported);
});
