import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/** axe-core on the widget's host element; axe walks into open shadow roots by itself. */
async function audit(page: Page, id: string) {
  const result = await new AxeBuilder({ page }).include(`[data-chatlet="${id}"]`).analyze();
  // A summary a reader can act on, rather than axe's whole report.
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' > ')).join('; ')})`);
}

test('the widget passes an axe-core audit closed, and open with a choice, a multiple choice, a text question and the end on screen', async ({
  page,
  request,
}) => {
  // Each axe run takes seconds on a small machine.
  test.setTimeout(120_000);
  const bot = await publishBot(request, scenario('a11y'), 'a11y');
  await page.goto(await servePage(page, 'a11y', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await expect(w.launcher).toBeVisible();
  // The audit must have something to look at: it counts what it checked.
  const closed = await new AxeBuilder({ page }).include(`[data-chatlet="${bot.id}"]`).analyze();
  expect(closed.passes.length).toBeGreaterThan(0);
  expect(closed.violations).toEqual([]);

  await w.open();
  await expect(w.option('Basic')).toBeVisible();
  expect(await audit(page, bot.id)).toEqual([]);

  await w.choose('Team');
  await expect(w.doneButton).toBeVisible();
  await w.option('SSO').click();
  expect(await audit(page, bot.id)).toEqual([]);

  await w.doneButton.click();
  await w.answer('not an email');
  await w.expectMessage('That is not an email address.');
  await expect(w.textbox).toBeVisible();
  expect(await audit(page, bot.id)).toEqual([]);

  await w.answer('dana@example.com');
  await w.expectMessage("Thanks! We'll write to dana@example.com.");
  expect(await audit(page, bot.id)).toEqual([]);
});

test('the transcript is a polite live region inside a labelled dialog', async ({ page, request }) => {
  const bot = await publishBot(request, scenario('a11y'), 'a11y roles');
  await page.goto(await servePage(page, 'a11y-roles', landingHtml({ bots: [bot.id] })));
  const w = new BotWidget(page, bot.id);
  await w.open();
  await expect(w.root.getByRole('dialog', { name: 'Ava from Acme' })).toBeVisible();
  await expect(w.transcript).toHaveAttribute('aria-live', 'polite');
  await expect(w.root.getByRole('group', { name: 'Which plan?' })).toBeVisible();
});

test('by keyboard alone: Tab reaches the launcher, Enter opens, focus lands on the question, Enter sends, Escape closes back to the launcher', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'keyboard');
  const body =
    '<main><h1>A landing page</h1><p><a href="#pricing">Pricing</a> <button type="button">Sign up</button></p></main>';
  await page.goto(await servePage(page, 'keyboard', landingHtml({ bots: [bot.id], body })));
  const w = new BotWidget(page, bot.id);
  await expect(w.launcher).toBeVisible();

  // The page's own controls come first; the launcher is in the tab order after them.
  let presses = 0;
  for (
    ;
    presses < 10 &&
    !(await w.launcher.evaluate(
      (el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el,
    ));
    presses++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(w.launcher).toBeFocused();
  expect(presses).toBe(3);

  await page.keyboard.press('Enter');
  await expect(w.transcript).toBeVisible();
  await w.expectMessage("What's your name?");
  await expect(w.textbox).toBeFocused();
  await page.keyboard.type('Dana');
  await page.keyboard.press('Enter');
  await w.expectMessage('Which plan, Dana?');
  // The next question takes focus: its first option.
  await expect(w.option('Basic')).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(w.transcript).toHaveCount(0);
  await expect(w.launcher).toBeFocused();

  // Reopening by keyboard lands on the pending question again, and Tab then Enter picks an option.
  await page.keyboard.press('Enter');
  await expect(w.option('Basic')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(w.option('Team')).toBeFocused();
  await page.keyboard.press('Enter');
  await w.expectMessage('Thanks, Dana! The team plan it is.');
});

test("keyboard focus is visible on the widget's controls", async ({ page, request }) => {
  const bot = await publishBot(request, scenario('short-chat'), 'focus ring');
  await page.goto(
    await servePage(page, 'focus-ring', landingHtml({ bots: [bot.id], body: '<main><h1>Page</h1></main>' })),
  );
  const w = new BotWidget(page, bot.id);
  await expect(w.launcher).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(w.launcher).toBeFocused();
  const outline = await w.launcher.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test('by keyboard alone, after the conversation ends focus stays in the chat, so Escape still closes it back to the launcher', async ({
  page,
  request,
}) => {
  const bot = await publishBot(request, scenario('short-chat'), 'keyboard end');
  await page.goto(
    await servePage(page, 'keyboard-end', landingHtml({ bots: [bot.id], body: '<main><h1>Page</h1></main>' })),
  );
  const w = new BotWidget(page, bot.id);
  await expect(w.launcher).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(w.launcher).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(w.textbox).toBeFocused();
  await page.keyboard.type('Dana');
  await page.keyboard.press('Enter');
  await expect(w.option('Basic')).toBeFocused();

  // The last answer takes the question's buttons away; focus must not fall back onto the page.
  await page.keyboard.press('Enter');
  await w.expectMessage('Thanks, Dana! The basic plan it is.');
  await expect(w.option('Basic')).toHaveCount(0);
  await expect(w.root.getByRole('button', { name: 'Close chat' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(w.transcript).toHaveCount(0);
  await expect(w.launcher).toBeFocused();
  // Reopened, the finished conversation is still there to read.
  await page.keyboard.press('Enter');
  await w.expectMessage('Thanks, Dana! The basic plan it is.');
});
