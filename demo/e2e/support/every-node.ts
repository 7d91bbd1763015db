/**
 * Test support: the scripted conversation through demo/e2e/scenarios/every-node.json, shared by
 * the every-node spec and the strict-CSP spec. The page must have EVENT_RECORDER and Playwright's
 * clock installed, and the test endpoint must answer leads with L-7 and reserve with R-3.
 */
import { expect, type Page } from '@playwright/test';
import type { BotWidget } from './bot-widget.ts';
import { recordedEvents } from './pages.ts';

/** The transcript a visitor reads, in order. The split puts each visitor in group A or B. */
export const EXPECTED: (string | RegExp)[] = [
  'Welcome to the tour. See our docs.',
  "What's your name?",
  'D',
  'Two to twenty characters, please.',
  'Dana',
  'Your email, Dana?',
  'dana at example',
  'That is not an email address.',
  'dana@example.com',
  'How many seats?',
  'lots',
  'A number from 1 to 500, please.',
  '0',
  'A number from 1 to 500, please.',
  '12',
  'Your invite code?',
  'ab-1234',
  'Codes look like AB-1234.',
  'AB-1234',
  'Start date?',
  '14/03/2026',
  'As YYYY-MM-DD, please.',
  '2026-03-14',
  'Phone?',
  'call me',
  // No retryText on this input: the widget's own words.
  "That doesn't look right. Please check and try again.",
  '+1 555 010 2030',
  'Website?',
  'acme.example',
  'A link starting with https://, please.',
  'https://acme.example',
  'Which plan?',
  'Team',
  'Any add-ons?',
  'SSO, Priority support',
  'SSO it is, on the team plan.',
  'What would you like to know?',
  "what's the prise?",
  'Team is $99 a month.',
  'Company name?',
  'Acme',
  'Keep reservation R-3?',
  'Cancel it',
  'Reservation cancelled.',
  'Give me five seconds…',
  /^Payment A-1042 received\. Group [AB], score 40, segment big, lead L-7, company Acme, add-ons sso, support, topic: what's the prise\?\.$/,
  'Bye, Dana!',
];

/** Answers every question of the every-node scenario (with wrong answers first), from the open widget to the end. */
export async function talkThroughEveryNode(page: Page, w: BotWidget): Promise<void> {
  const retried = async (bad: string, retryText: string, good: string) => {
    await w.answer(bad);
    await w.expectMessage(retryText);
    await w.answer(good);
  };
  await w.expectMessage("What's your name?");
  await retried('D', 'Two to twenty characters, please.', 'Dana');
  await w.expectMessage('Your email, Dana?');
  await retried('dana at example', 'That is not an email address.', 'dana@example.com');
  await w.expectMessage('How many seats?');
  await w.answer('lots');
  await expect(w.messages.filter({ hasText: 'A number from 1 to 500, please.' })).toHaveCount(1);
  await retried('0', 'A number from 1 to 500, please.', '12');
  await w.expectMessage('Your invite code?');
  await retried('ab-1234', 'Codes look like AB-1234.', 'AB-1234');
  await w.expectMessage('Start date?');
  await retried('14/03/2026', 'As YYYY-MM-DD, please.', '2026-03-14');
  await w.expectMessage('Phone?');
  await retried('call me', "That doesn't look right.", '+1 555 010 2030');
  await w.expectMessage('Website?');
  await retried('acme.example', 'A link starting with https://, please.', 'https://acme.example');

  await w.choose('Team');
  await w.expectMessage('Any add-ons?');
  await expect(w.doneButton).toBeDisabled();
  await w.option('SSO').click();
  await expect(w.option('SSO')).toHaveAttribute('aria-pressed', 'true');
  await w.option('Audit log').click();
  await w.option('Audit log').click();
  await expect(w.option('Audit log')).toHaveAttribute('aria-pressed', 'false');
  await w.option('Priority support').click();
  await w.doneButton.click();

  await w.expectMessage('What would you like to know?');
  await w.answer("what's the prise?");
  await w.expectMessage('Team is $99 a month.');
  // The parallel's input asks while its script branch has already finished.
  await w.expectMessage('Company name?');
  await w.answer('Acme');
  await w.expectMessage('Keep reservation R-3?');
  await w.choose('Cancel it');
  await w.expectMessage('Reservation cancelled.');
  await w.expectMessage('Give me five seconds…');

  // The delay holds the conversation until its due time, then the wait takes over.
  const at = async () => (await recordedEvents(page)).state.at(-1)?.at ?? [];
  expect(await at()).toEqual(['pause']);
  await page.clock.runFor(5_100);
  await expect.poll(at).toEqual(['wait_pay']);

  await page.evaluate(() => (window as any).Chatlet.send('paid', { order: 'A-1042' }));
  await w.expectMessage('Bye, Dana!');
}

/** Compares the transcript on screen with EXPECTED. */
export async function expectEveryNodeTranscript(w: BotWidget): Promise<void> {
  const texts = await w.transcriptTexts();
  expect(texts).toHaveLength(EXPECTED.length);
  EXPECTED.forEach((want, i) =>
    typeof want === 'string' ? expect(texts[i]).toBe(want) : expect(texts[i]).toMatch(want),
  );
}

/** The test endpoint's answers the conversation expects. */
export function everyNodeEndpoint(call: { path: string }): { status: number; body: unknown } {
  if (call.path === 'leads') return { status: 200, body: { data: { id: 'L-7' } } };
  if (call.path === 'reserve') return { status: 201, body: { id: 'R-3' } };
  return { status: 200, body: {} };
}
