import { expect, test } from './support/test.ts';
import { BotWidget } from './support/bot-widget.ts';
import { connect, docText, nodeOnCanvas, saved, signIn } from './builder-support.ts';

/**
 * The author's first bot, from an empty install to a landing page: onboarding, a blank bot,
 * message + choice + input dragged in, connected and filled, a dangling branch seen on the canvas
 * and fixed, a conversation in the preview, publish, and the snippet working on a page.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1440, height: 900 } });

test('an author builds, tries and publishes a bot from an empty account, and it talks on a landing page', async ({
  page,
  baseURL,
  guard,
}) => {
  test.setTimeout(120_000);
  await signIn(page, guard);

  // Pick no template.
  await page.getByRole('button', { name: /^Blank/ }).click();
  await expect(page.getByRole('application', { name: 'Canvas' })).toBeVisible();
  const canvas = page.getByRole('application', { name: 'Canvas' });
  const box = (await canvas.boundingBox())!;

  // Drag message, choice and input from the palette onto the canvas.
  const drop = async (title: string, x: number, y: number) => {
    await page.getByRole('button', { name: new RegExp(`^${title}`) }).dragTo(canvas, { targetPosition: { x, y } });
  };
  await drop('Message', 30, 40);
  await drop('Choice', 300, 40);
  await drop('Input', 570, 40);
  await expect(page.locator('.drawflow-node')).toHaveCount(3);
  const ids = JSON.parse(await docText(page)).nodes.map((n: any) => n.id);
  expect(ids).toEqual(['message_1', 'choice_1', 'input_1']);
  expect(box.width).toBeGreaterThan(600);

  // Fill the panels.
  await nodeOnCanvas(page, 'message_1').click();
  await page.getByLabel('Text', { exact: true }).fill("Hi! I'm the test bot.");
  await nodeOnCanvas(page, 'choice_1').click();
  await page.getByLabel('Question', { exact: true }).fill('Sales or support?');
  await page.getByLabel('Option 1 label', { exact: true }).fill('Sales');
  await page.getByLabel('Option 2 label', { exact: true }).fill('Support');
  await nodeOnCanvas(page, 'input_1').click();
  await page.getByLabel('Question', { exact: true }).fill('Your email?');
  await page.getByLabel('Save the answer in variable').fill('email');
  await page.getByLabel('Expected answer').selectOption('email');
  await expect(nodeOnCanvas(page, 'input_1')).toContainText('Your email?');

  // Connect message → choice and the first option → input by dragging between ports.
  await connect(page, 'message_1', 0, 'choice_1');
  await connect(page, 'choice_1', 0, 'input_1');
  await expect(page.locator('.cl-edges .connection')).toHaveCount(2);

  // The second option goes nowhere: the choice node is marked with the error.
  const choice = nodeOnCanvas(page, 'choice_1');
  await expect(choice).toHaveClass(/cl-has-error/);
  await expect(choice.locator('.cl-badge')).toHaveText(/1 error/);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(
    'Node "choice_1", field "options[1].next" is not connected to a node.',
  );

  // Fix it: connect "Support" to the input too, and end after the input.
  await connect(page, 'choice_1', 1, 'input_1');
  await expect(choice).not.toHaveClass(/cl-has-error/);
  await drop('End', 570, 300);
  await connect(page, 'input_1', 0, 'end_1');
  await nodeOnCanvas(page, 'end_1').click();
  await page.getByLabel('Last words', { exact: true }).fill('Thanks! We will write to {{email}}.');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('0 errors');
  await saved(page);

  // Preview: the real bundle in a sandboxed frame.
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const frame = page.frameLocator('iframe[title="Bot preview"]');
  await expect(page.locator('iframe[title="Bot preview"]')).toHaveAttribute('sandbox', 'allow-scripts allow-forms');
  await expect(frame.getByRole('log')).toBeVisible({ timeout: 15_000 });
  await expect(frame.getByRole('listitem').filter({ hasText: "Hi! I'm the test bot." })).toBeVisible();
  await frame.getByRole('button', { name: 'Sales', exact: true }).click();
  await frame.getByRole('textbox').fill('ann@acme.example');
  await frame.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(
    frame.getByRole('listitem').filter({ hasText: 'Thanks! We will write to ann@acme.example.' }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Live variables' })).toContainText('ann@acme.example');

  // Publish, and copy the snippet.
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1.')).toBeVisible({ timeout: 15_000 });
  const snippet = await page.getByLabel('Embed snippet').inputValue();
  expect(snippet).toContain('window.Chatlet=window.Chatlet||{bots:{},q:[]}');
  const [, botId] = snippet.match(/<script src="http:\/\/localhost:\d+\/bots\/(b_\w+)\.js" async><\/script>/) ?? [];
  expect(botId).toBeTruthy();

  // Paste it into a landing page served at the server's origin: the bot talks there.
  const landing = await page.context().newPage();
  await landing.route(`${baseURL}/landing-from-builder.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>Landing</title></head><body><h1>Acme</h1>${snippet}</body></html>`,
    }),
  );
  await landing.goto(`${baseURL}/landing-from-builder.html`);
  const widget = new BotWidget(landing, botId);
  await widget.open();
  await widget.expectMessage("Hi! I'm the test bot.");
  await widget.choose('Support');
  await widget.answer('bo@acme.example');
  await widget.expectMessage('Thanks! We will write to bo@acme.example.');
});
