import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { publishBot, scenario, type PublishedBot } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/** Host-page stylesheets that are known to wreck embedded widgets. */
const HOSTILE: Record<string, string> = {
  'a page that sets * { all: unset }': '* { all: unset; }',
  'Tailwind preflight': `
    *, ::before, ::after { box-sizing: border-box; border-width: 0; border-style: solid; border-color: #e5e7eb; }
    html { line-height: 1.5; -webkit-text-size-adjust: 100%; tab-size: 4; font-family: ui-sans-serif, system-ui, sans-serif; }
    body { margin: 0; line-height: inherit; }
    a { color: inherit; text-decoration: inherit; }
    button, input, optgroup, select, textarea { font-family: inherit; font-size: 100%; font-weight: inherit; line-height: inherit; color: inherit; margin: 0; padding: 0; }
    button, [type='button'], [type='submit'] { -webkit-appearance: button; background-color: transparent; background-image: none; }
    ol, ul, menu { list-style: none; margin: 0; padding: 0; }
    img, svg, video { display: block; vertical-align: middle; }
    img, video { max-width: 100%; height: auto; }
    button, [role="button"] { cursor: pointer; }`,
  'Bootstrap reboot': `
    *, ::after, ::before { box-sizing: border-box; }
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 1rem; font-weight: 400; line-height: 1.5; color: #212529; background-color: #fff; text-align: left; }
    ul { padding-left: 2rem; margin-top: 0; margin-bottom: 1rem; }
    button { border-radius: 0; text-transform: none; margin: 0; font-family: inherit; font-size: inherit; line-height: inherit; }
    input { margin: 0; font-family: inherit; font-size: inherit; line-height: inherit; }
    svg { vertical-align: middle; }`,
  'a page that styles every div, inherited properties included': `
    div { font: italic 700 30px/3 Georgia, serif !important; color: red !important; letter-spacing: 4px !important; text-transform: uppercase !important;
          text-align: right !important; word-spacing: 10px !important; visibility: visible; cursor: crosshair !important; }`,
};

const PROPS = [
  'display',
  'position',
  'box-sizing',
  'width',
  'height',
  'top',
  'right',
  'bottom',
  'left',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-top-left-radius',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-align',
  'color',
  'background-color',
  'box-shadow',
  'cursor',
  'list-style-type',
  'opacity',
  'visibility',
  'z-index',
];

async function styleOf(l: Locator): Promise<Record<string, string>> {
  return l.evaluate((el, props) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const out: Record<string, string> = {
      box: `${Math.round(r.width)}×${Math.round(r.height)} at ${Math.round(r.x)},${Math.round(r.y)}`,
    };
    for (const p of props) out[p] = s.getPropertyValue(p);
    return out;
  }, PROPS);
}

/** Computed styles of the launcher, the panel and its parts, through one short conversation. */
async function widgetStyles(
  page: Page,
  bot: PublishedBot,
  name: string,
  css: string,
): Promise<Record<string, Record<string, string>>> {
  await page.goto(
    await servePage(page, name, landingHtml({ bots: [bot.id], head: css ? `<style>${css}</style>` : '' })),
  );
  const w = new BotWidget(page, bot.id);
  const out: Record<string, Record<string, string>> = {};
  await expect(w.launcher).toBeVisible();
  out.launcher = await styleOf(w.launcher);
  out.launcherIcon = await styleOf(w.launcher.locator('svg'));
  await w.launcher.click();
  await w.expectMessage("What's your name?");
  await expect(w.textbox).toBeVisible();
  out.panel = await styleOf(w.root.getByRole('dialog'));
  out.close = await styleOf(w.root.getByRole('button', { name: 'Close chat' }));
  out.log = await styleOf(w.transcript);
  out.botMessage = await styleOf(w.messages.first());
  out.textbox = await styleOf(w.textbox);
  out.send = await styleOf(w.sendButton);
  await w.answer('Dana');
  await expect(w.option('Basic')).toBeVisible();
  out.visitorMessage = await styleOf(w.messages.filter({ hasText: 'Dana' }).first());
  out.option = await styleOf(w.option('Basic'));
  return out;
}

test.describe('the widget looks the same on a hostile page as on a clean one', () => {
  test.describe.configure({ mode: 'parallel' });
  for (const [name, css] of Object.entries(HOSTILE)) {
    test(`on ${name}, the launcher, panel, messages and controls keep their computed styles`, async ({
      page,
      request,
    }) => {
      test.setTimeout(60_000);
      const bot = await publishBot(request, scenario('short-chat'), 'isolation');
      const clean = await widgetStyles(page, bot, 'clean', '');
      // The control: the clean widget really is styled (a round 60 px launcher in the corner).
      expect(clean.launcher['border-top-left-radius']).toBe('50%');
      expect(clean.launcher.width).toBe('60px');
      // 20 px from the bottom right corner of Desktop Chrome's 1280×720 viewport.
      expect(clean.launcher.box).toBe('60×60 at 1200,640');
      // A fresh visitor on the hostile page, so the conversation is in the same place.
      await page.context().clearCookies();
      await page.evaluate(
        () =>
          new Promise((r) => {
            const q = indexedDB.deleteDatabase('chatlet');
            q.onsuccess = q.onerror = q.onblocked = r;
          }),
      );
      const hostile = await widgetStyles(page, bot, 'hostile', css);
      for (const part of Object.keys(clean)) expect.soft(hostile[part], part).toEqual(clean[part]);
    });
  }
});
