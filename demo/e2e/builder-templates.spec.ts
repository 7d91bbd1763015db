import type { APIRequestContext, FrameLocator, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { createBot, openBot, signInQuietly } from './builder-support.ts';
import { BotWidget } from './support/bot-widget.ts';
import { TEMPLATES } from '../../builder/model/templates.ts';

/**
 * Every starter template reaches each of its endings, walked as an author tries it: in the builder's preview,
 * with page.clock for the reminder's day-long pause. The support template's manager outcomes need a bot the
 * server knows: the preview's bundle is unpublished, so it cannot ask a person and goes on as if nobody came.
 * Those two endings are walked on the published bot's test page, resolved through the REST handoff routes.
 */
test.use({ viewport: { width: 1440, height: 900 } });

const template = (key: string) => {
  const found = TEMPLATES.find((t) => t.key === key)!;
  return { title: found.title, doc: found.make() };
};

/** The chat in the preview frame, driven like a visitor drives it. */
function previewChat(page: Page) {
  const frame: FrameLocator = page.frameLocator('iframe[title="Bot preview"]');
  const says = async (text: string) =>
    expect(frame.getByRole('listitem').filter({ hasText: text }).first()).toBeVisible({ timeout: 15_000 });
  return {
    says,
    answer: async (text: string) => {
      const box = frame.getByRole('textbox', { name: 'Your answer' });
      await box.fill(text);
      await box.press('Enter');
    },
    choose: (label: string) => frame.getByRole('button', { name: label, exact: true }).click(),
    /** Starts the conversation over from the start node, once the last one (which said `last`) is gone. */
    restart: async (last: string) => {
      await page.getByRole('button', { name: 'Restart', exact: true }).click();
      await expect(frame.getByRole('listitem').filter({ hasText: last })).toHaveCount(0, { timeout: 15_000 });
      await expect(frame.getByRole('listitem')).not.toHaveCount(0, { timeout: 15_000 });
    },
  };
}

/** Creates the bot from the template, opens it in the builder and starts the preview. */
async function openInPreview(page: Page, baseURL: string, key: string) {
  const { title, doc } = template(key);
  await openBot(page, await createBot(page.request, baseURL, title, doc));
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  return previewChat(page);
}

test.beforeEach(async ({ page, baseURL }) => {
  await signInQuietly(page, baseURL!);
});

test('Lead capture: the preview reaches its thank-you ending', async ({ page, baseURL }) => {
  const chat = await openInPreview(page, baseURL!, 'lead-capture');
  await chat.says("Hi! I'm Ava.");
  await chat.answer('Ann');
  await chat.answer('ann@acme.example');
  await chat.choose('Team');
  await chat.answer('12');
  await chat.says("Thanks Ann! We'll email ann@acme.example about the team plan.");
});

test('FAQ with intents: the preview answers a question and reaches its goodbye', async ({ page, baseURL }) => {
  const chat = await openInPreview(page, baseURL!, 'faq');
  await chat.says('Ask me anything about Acme.');
  await chat.answer('how much is it');
  await chat.says('Plans start at $9 a month.');
  await chat.choose("No, that's all");
  await chat.says('Happy to help!');
});

test('Appointment reminder: a day later the preview reminds, and both answers reach their endings', async ({
  page,
  baseURL,
}) => {
  // The preview's bundle never calls the server (which keeps timers only for published bots): the frame keeps the day.
  // Two walks with a restart between them: on a loaded 2-core machine that alone can pass 30 s.
  test.setTimeout(90_000);
  // Installed before the builder loads, so the preview frame's timers run on it: a day passes in a call.
  await page.clock.install();
  const chat = await openInPreview(page, baseURL!, 'appointment-reminder');
  const upToReminder = async () => {
    await chat.answer('Ann');
    await chat.answer('2026-12-24');
    await chat.says("Got it, Ann. I'll remind you tomorrow.");
    await page.clock.fastForward('25:00:00');
    await chat.says('Reminder: your appointment is on 2026-12-24. Still coming?');
  };
  await upToReminder();
  await chat.choose('Yes');
  await chat.says('See you then!');

  await chat.restart('See you then!');
  await upToReminder();
  await chat.choose('I need to reschedule');
  await chat.says('No problem. Pick a new time here:');
  // On a live page this ending opens the booking site; the preview stays on the conversation and says so.
  await expect(page.getByRole('status').filter({ hasText: 'would now go to https://acme.example/book' })).toBeVisible();
});

test('Support with handoff: the preview reaches "just browsing" and, with nobody to answer, the leave-your-email ending', async ({
  page,
  baseURL,
}) => {
  // The preview's bundle never calls the server (which takes handoffs only from published bots): nobody comes.
  const chat = await openInPreview(page, baseURL!, 'support');
  await chat.choose('Just browsing');
  await chat.says('Have a nice day!');

  await chat.restart('Have a nice day!');
  await chat.choose('Billing');
  await chat.says('Nobody is free right now. Leave your email and we will write back.');
  await expect(page.getByRole('status').filter({ hasText: 'Nobody answers a handoff in the preview' })).toBeVisible();
  await chat.answer('ann@acme.example');
  await chat.says("Thanks, we'll write to ann@acme.example soon.");
});

/**
 * The support request of `botId` waiting in the queue, claimed and resolved with `outcome` by the signed-in author
 * (every role of the organisation may help visitors), through the REST routes the console uses.
 */
async function resolveWaiting(
  request: APIRequestContext,
  headers: Record<string, string>,
  botId: string,
  outcome: 'resolved' | 'unresolved',
) {
  let handoffId: string | undefined;
  await expect(async () => {
    const list = await (await request.get('/api/v1/handoffs?status=waiting', { headers })).json();
    handoffId = list.handoffs?.find((h: { botId: string }) => h.botId === botId)?.id;
    expect(handoffId, `no waiting handoff of ${botId} in ${JSON.stringify(list).slice(0, 300)}`).toBeDefined();
  }).toPass({ timeout: 10_000 });
  expect((await request.post(`/api/v1/handoffs/${handoffId}/claim`, { headers })).status()).toBe(200);
  const resolved = await request.post(`/api/v1/handoffs/${handoffId}/resolve`, {
    headers,
    data: { outcome, variables: {}, note: null },
  });
  expect(resolved.status(), await resolved.text()).toBe(200);
}

test('Support with handoff: on its test page a manager\'s "resolved" reaches "Glad we could help!" and "unresolved" reaches the goodbye', async ({
  page,
  baseURL,
  browser,
  guard,
}) => {
  const { title, doc } = template('support');
  const id = await createBot(page.request, baseURL!, title, doc);
  expect((await page.request.post(`/api/v1/bots/${id}/publish`, { headers: { Origin: baseURL! } })).status()).toBe(201);

  for (const [outcome, ending] of [
    ['resolved', 'Glad we could help!'],
    ['unresolved', 'Have a nice day!'],
  ] as const) {
    // A visitor of their own each time: one visitor's handoff at one node is one task, asked for again or not.
    const context = await browser.newContext();
    guard.watchContext(context);
    const visitor = await context.newPage();
    await visitor.goto(`${baseURL}/try/${id}`);
    const widget = new BotWidget(visitor, id);
    await widget.open();
    await widget.choose('Something is broken');
    await widget.expectMessage('Connecting you to a person…');
    await resolveWaiting(page.request, { Origin: baseURL! }, id, outcome);
    await widget.expectMessage('How would you rate the help you got?');
    await widget.choose('No, thanks');
    await widget.expectMessage(ending);
    await context.close();
  }
});
