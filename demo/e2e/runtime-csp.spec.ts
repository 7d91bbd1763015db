import { expect, test } from './support/test.ts';
import { publishBot, scenario } from './support/bots.ts';
import { BotWidget } from './support/bot-widget.ts';
import { testEndpoint } from './support/endpoint.ts';
import { everyNodeEndpoint, expectEveryNodeTranscript, talkThroughEveryNode } from './support/every-node.ts';
import { EVENT_RECORDER_JS, VIOLATION_RECORDER, landingHtml, servePage, violations } from './support/pages.ts';

/** The strictest policy a landing page might set: nothing inline, nothing from anywhere but the page's own origin. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

/** A 1×1 PNG, served from the page's origin as the message image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPwd3sKAAJiAXvBJn9xAAAAAElFTkSuQmCC',
  'base64',
);

test('a page under a strict CSP runs a conversation through every node type with no securitypolicyviolation', async ({
  page,
  request,
}) => {
  // Fifty steps through a real browser and server: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const doc = scenario('every-node');
  // A data: image is the author's choice, and this policy forbids it; an image on the site is not.
  doc.nodes[0].image = '/t/img/wave.png';
  const bot = await publishBot(request, doc, 'csp');
  await testEndpoint(page, everyNodeEndpoint);
  await page.route('**/t/img/wave.png', (r) => r.fulfill({ contentType: 'image/png', body: PNG }));
  const consoleCsp: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && consoleCsp.push(m.text()));
  await page.addInitScript(VIOLATION_RECORDER);
  await page.addInitScript(EVENT_RECORDER_JS);
  await page.clock.install();

  const path = await servePage(page, 'csp', landingHtml({ bots: [bot.id], noIcon: true }), {
    'Content-Security-Policy': STRICT_CSP,
  });
  const response = await page.goto(path);
  expect(response!.headers()['content-security-policy']).toBe(STRICT_CSP);

  const w = new BotWidget(page, bot.id);
  await w.open();
  await expect(w.messages.first().locator('img')).toHaveJSProperty('naturalWidth', 1);
  await talkThroughEveryNode(page, w);
  await expectEveryNodeTranscript(w);

  // The widget's styles did apply (constructable stylesheets are not inline styles): the launcher
  // area is laid out as designed, not as an unstyled list.
  await w.root.getByRole('button', { name: 'Close chat' }).click();
  const launcher = await w.launcher.boundingBox();
  expect(launcher).toMatchObject({ width: 60, height: 60 });

  expect(await violations(page)).toEqual([]);
  expect(consoleCsp).toEqual([]);
});

test('the violation recorder catches an inline style under the same policy (so an empty list means something)', async ({
  page,
  request,
  guard,
}) => {
  // The page's own inline style breaks the policy on purpose, and Chromium reports it in the console.
  guard.allow(
    /^console \S+\/t\/csp-control\.html Applying inline style violates the following Content Security Policy directive 'style-src 'self''/,
  );
  const bot = await publishBot(request, scenario('short-chat'), 'csp control');
  await page.addInitScript(VIOLATION_RECORDER);
  const html = landingHtml({
    bots: [bot.id],
    noIcon: true,
    body: '<p style="color: red">Inline style, which this policy forbids.</p>',
  });
  await page.goto(await servePage(page, 'csp-control', html, { 'Content-Security-Policy': STRICT_CSP }));
  await new BotWidget(page, bot.id).open();
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^style-src/)]);
});
