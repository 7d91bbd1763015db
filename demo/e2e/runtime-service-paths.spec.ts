import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { testEndpoint, type Answer } from './support/endpoint.ts';
import { EVENT_RECORDER, landingHtml, recordedEvents, servePage } from './support/pages.ts';

/**
 * The paths of service-like nodes that the every-node tour does not take: a background call, a
 * script that throws, a wait that ends on its timeout, and a rollback of two calls.
 */
test('a background call, a failing script, a wait that times out and a rollback of two calls each behave as the format says', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('service-paths'), 'service-paths');
  // The score service answers only when the test says so: the conversation must not wait for it.
  let releaseScore!: () => void;
  const scoreAnswered = new Promise<Answer>(
    (resolve) => (releaseScore = () => resolve({ status: 200, body: { score: 42 } })),
  );
  const api = await testEndpoint(page, (call) => {
    if (call.path === 'score') return scoreAnswered;
    if (call.method === 'POST') return { status: 201, body: { id: call.path === 'reserve' ? 'R-7' : 'C-9' } };
    return { status: 204 };
  });
  // The page's time moves only when the test says so (the wait's 10 s timeout).
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.goto(await servePage(page, 'service-paths', landingHtml({ head: EVENT_RECORDER, bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();

  // Background: the question is asked while the score call is still out.
  await w.expectMessage('Your name?');
  await expect.poll(() => api.to('score').length).toBe(1);
  releaseScore();
  await expect
    .poll(async () => (await page.evaluate((id) => (window as any).Chatlet.bots[id].variables(), bot.id)).score)
    .toBe(42);
  await w.answer('Ann');
  await w.expectMessage('Ann, your score is 42.');

  // The script's throw is an incident: onError, and an error event for the page.
  await w.expectMessage('The calculator is out.');
  await expect(w.messages.filter({ hasText: 'Calculated.' })).toHaveCount(0);

  // The wait: no event comes, so it ends at its timeout, not before.
  await page.clock.runFor(9_500);
  await expect(w.messages.filter({ hasText: 'No word from the payment page' })).toHaveCount(0);
  await page.clock.runFor(600);
  await w.expectMessage('No word from the payment page for 10 seconds.');

  // Rollback: both calls since the checkpoint are undone, newest first, with what each saved.
  await w.expectMessage('Everything is undone.');
  expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
    'GET score',
    'POST reserve',
    'POST charge',
    'DELETE charge/C-9',
    'DELETE reserve/R-7',
  ]);
  expect(api.calls[3].key).toBe(api.calls[2].key + ':compensate');
  expect(api.calls[4].key).toBe(api.calls[1].key + ':compensate');
  expect(await w.transcriptTexts()).toEqual([
    'Your name?',
    'Ann',
    'Ann, your score is 42.',
    'The calculator is out.',
    'No word from the payment page for 10 seconds.',
    'Everything is undone.',
  ]);
  const events = await recordedEvents(page);
  expect(events.error).toEqual([
    expect.objectContaining({
      code: 'script.failed',
      node: 'calc',
      message: expect.stringContaining('no calculator today'),
    }),
  ]);
});
