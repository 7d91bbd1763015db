/**
 * From a visitor's answer to the bot's next message in the DOM, with the typing delay at 0: a bot
 * that loops input → message, answered 200 times in a row in Chromium. The loop runs inside the
 * page, so no round trip to the test driver is counted.
 */
import { buildBundle } from './bots.ts';
import { launchBrowser, ms, serveSite, stats } from './runtime-browser.ts';
import type { BenchResult } from './types.ts';

const STEPS = 200;
const WARMUP = 10;
const TARGET_MS = 16;

/** An input and a message in a loop: every answer gets exactly one bot message back. */
const ECHO = {
  format: 'chatlet.scenario/1',
  name: 'Echo',
  locale: 'en',
  settings: { startOn: { type: 'load' }, typingDelay: 'PT0S' },
  variables: { said: '' },
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'input', prompt: 'Say something.', var: 'said', input: 'text', next: 'echo' },
    { id: 'echo', type: 'message', text: 'You said {{said}}.', next: 'ask' },
  ],
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>answer bench</title>
<script src="/bot.js" async></script></head><body><h1>A landing page</h1></body></html>`;

/**
 * Runs in the page: answers `steps` times, timing each answer until the bot's reply is in the log.
 * Plain JavaScript in a string: tsx would wrap a function's inner functions in a helper the page
 * does not have.
 */
const ANSWER_LOOP = `async (steps) => {
  const root = document.querySelector('[data-chatlet]').shadowRoot;
  const log = root.querySelector('[role="log"]');
  const once = (i) => new Promise((resolve) => {
    const want = 'You said answer ' + i + '.';
    const before = log.querySelectorAll('li').length;
    let t0 = 0;
    const mo = new MutationObserver(() => {
      // The reply may not be last: the next prompt can land in the same microtask checkpoint.
      const items = log.querySelectorAll('li');
      let found = false;
      for (let k = before; k < items.length; k++) if (items[k].textContent === want) found = true;
      if (!found) return;
      const dt = performance.now() - t0;
      mo.disconnect();
      // The next question's textbox comes back in the same render; wait for it to be there.
      const ready = () => (root.querySelector('input') ? resolve(dt) : requestAnimationFrame(ready));
      ready();
    });
    mo.observe(log, { childList: true, subtree: true, characterData: true });
    root.querySelector('input').value = 'answer ' + i;
    const send = root.querySelector('form button');
    t0 = performance.now();
    send.click();
  });
  const times = [];
  for (let i = 0; i < steps; i++) times.push(await once(i));
  return times;
}`;

export async function benchRuntimeAnswer(): Promise<BenchResult> {
  const bundle = await buildBundle(ECHO, 'bench');
  const site = await serveSite({
    '/': { type: 'text/html; charset=utf-8', body: PAGE },
    '/bot.js': { type: 'text/javascript; charset=utf-8', body: bundle },
  });
  const browser = await launchBrowser();
  let samples: number[];
  try {
    const page = await browser.newPage();
    await page.goto(site.origin + '/');
    await page.waitForFunction(() => (window as any).Chatlet?.open);
    await page.evaluate(() => (window as any).Chatlet.open());
    await page.waitForFunction(() => document.querySelector('[data-chatlet]')?.shadowRoot?.querySelector('input'));
    const all: number[] = await page.evaluate(`(${ANSWER_LOOP})(${WARMUP + STEPS})`);
    samples = all.slice(WARMUP);
    const shown = await page.evaluate(
      () => document.querySelector('[data-chatlet]')!.shadowRoot!.querySelectorAll('[role="log"] li').length,
    );
    // prompt, then per answer: the visitor's entry, the echo and the prompt again.
    if (shown !== 1 + 3 * (WARMUP + STEPS))
      throw new Error(`expected ${1 + 3 * (WARMUP + STEPS)} entries on screen, found ${shown}`);
  } finally {
    await browser.close();
    await site.close();
  }
  const s = stats(samples);
  const firstHalf = stats(samples.slice(0, STEPS / 2)).median;
  const secondHalf = stats(samples.slice(STEPS / 2)).median;
  const rows = [
    {
      steps: s.n,
      median: s.median,
      p90: s.p90,
      min: s.min,
      max: s.max,
      firstHalfMedian: firstHalf,
      secondHalfMedian: secondHalf,
    },
  ];
  const missed =
    s.median >= TARGET_MS
      ? [`answer to next bot message: median ${ms(s.median)} ms over ${s.n} steps, target < ${TARGET_MS} ms`]
      : [];
  const markdown = [
    '| steps | median ms | p90 ms | min–max ms | median, steps 1–100 | median, steps 101–200 | target |',
    '|---:|---:|---:|---:|---:|---:|---|',
    `| ${s.n} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)}–${ms(s.max)} | ${ms(firstHalf)} | ${ms(secondHalf)} | median < ${TARGET_MS} ${s.median < TARGET_MS ? '(met)' : '(**missed**)'} |`,
    '',
    `- A bot that loops input → message with \`typingDelay: PT0S\`, in headless Chromium, answered ${STEPS} times after ${WARMUP} warm-up answers, in one page view (the transcript grows to ${1 + 3 * (WARMUP + STEPS)} entries).`,
    '- Each step: put the answer in the textbox and click Send; the clock stops when the bot\'s reply is in the transcript (a MutationObserver on the `role="log"` element). Every step also saves the conversation to IndexedDB.',
  ].join('\n');
  return { name: 'runtime-answer', title: 'Runtime: answer to next bot message', rows, markdown, missed };
}
