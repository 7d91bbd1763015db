import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { landingHtml, servePage } from './support/pages.ts';

/** Ways a browser refuses the tab-coordination APIs (sandboxed frames, opaque origins, old engines). */
const REFUSALS: { name: string; script: string }[] = [
  {
    name: 'Web Locks throws',
    script: `LockManager.prototype.request = function () { throw new DOMException('denied', 'SecurityError'); };`,
  },
  {
    name: 'Web Locks rejects',
    script: `LockManager.prototype.request = function () { return Promise.reject(new DOMException('denied', 'SecurityError')); };`,
  },
  {
    name: 'BroadcastChannel throws',
    script: `window.BroadcastChannel = function () { throw new DOMException('denied', 'SecurityError'); };`,
  },
  {
    name: 'there is no Web Locks API',
    script: `Object.defineProperty(Navigator.prototype, 'locks', { get: function () { return undefined; } });`,
  },
];

for (const refusal of REFUSALS) {
  test(`when ${refusal.name}, the bot still talks, on its own in this tab`, async ({ page, request }) => {
    const bot = await publishBot(request, scenario('short-chat'), 'no locks');
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.addInitScript(refusal.script);
    await page.goto(await servePage(page, 'no-locks', landingHtml({ bots: [bot.id] })));
    const w = new BotWidget(page, bot.id);
    await w.open();
    await w.expectMessage("What's your name?");
    await w.answer('Ada');
    await w.expectMessage('Ada');
    expect(pageErrors).toEqual([]);
  });
}
