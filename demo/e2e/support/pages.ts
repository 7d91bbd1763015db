/**
 * Test support: landing pages made up by a test, served at the Chatlet server's own origin
 * (IndexedDB and Web Locks need a real http origin, and a strict CSP's 'self' must cover the
 * bundle). Only the HTML is made up; the bundles come from the real server.
 */
import type { BrowserContext, Page } from '@playwright/test';

export interface PageOptions {
  /** bot ids, each embedded with the documented one-line tag */
  bots?: string[];
  /** extra markup at the end of <head>, before the bot tags */
  head?: string;
  /** the body's markup, before the bot tags */
  body?: string;
  /** put the bot tags in <head> (as the docs show) rather than at the end of <body> */
  tagsInHead?: boolean;
  /** leave out the empty `data:` icon (a strict CSP's img-src forbids it) */
  noIcon?: boolean;
}

/** The documented embed: one async script tag per bot. */
export const embedTag = (id: string) => `<script src="/bots/${id}.js" async></script>`;

/** A minimal landing page. The empty icon keeps the browser from asking for /favicon.ico. */
export function landingHtml(o: PageOptions = {}): string {
  const tags = (o.bots ?? []).map(embedTag).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chatlet test page</title>
${o.noIcon ? '' : '<link rel="icon" href="data:,">'}
${o.head ?? ''}
${o.tagsInHead ? tags : ''}
</head>
<body>
${o.body ?? '<main><h1>A landing page</h1><p>Some text about a product.</p></main>'}
${o.tagsInHead ? '' : tags}
</body>
</html>`;
}

/**
 * Serves `html` at `/t/<name>.html` on the server's origin for this page or every page of a
 * context (two tabs), with any response headers given (a CSP, say). Returns the path to open.
 */
export async function servePage(
  target: Page | BrowserContext,
  name: string,
  html: string,
  headers: Record<string, string> = {},
): Promise<string> {
  await target.route(`**/t/${name}.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html, headers }),
  );
  return `/t/${name}.html`;
}

/** The stub snippet from docs/js-api.md, verbatim: calls made before the bundle loads are queued. */
export const STUB_SNIPPET = `<script>
  window.Chatlet=window.Chatlet||{bots:{},q:[]};["open","close","send","on","variables","reset","consent","forget"].forEach(function(m){Chatlet[m]=Chatlet[m]||function(){Chatlet.q.push([m,arguments])}});
</script>`;

/** The stub snippet's code, without its script tag. */
const STUB_JS = STUB_SNIPPET.replace(/<\/?script>/g, '').trim();

/**
 * The stub plus subscriptions that record every event of the first bot in `window.__events`,
 * from its very first moment (the queued `on` calls replay before the bot starts). As plain
 * JavaScript for `page.addInitScript` (which a strict CSP does not block), and as inline tags.
 */
export const EVENT_RECORDER_JS = `${STUB_JS}
window.__events={message:[],state:[],end:[],error:[],handoff:[]};
["message","state","end","error","handoff"].forEach(function(t){Chatlet.on(t,function(d){__events[t].push(JSON.parse(JSON.stringify(d)))})});`;

export const EVENT_RECORDER = `<script>${EVENT_RECORDER_JS}</script>`;

export interface RecordedEvents {
  message: { from: string; text: string; image?: string }[];
  state: { at: string[]; status: string }[];
  end: { variables: Record<string, unknown>; redirect?: string }[];
  error: { code: string; message: string; node?: string }[];
  handoff: unknown[];
}

/** What EVENT_RECORDER has seen in this page view. */
export function recordedEvents(page: Page): Promise<RecordedEvents> {
  return page.evaluate(() => (window as any).__events);
}

/**
 * Records every `securitypolicyviolation` in `window.__violations`, from before any page script.
 * Init scripts run whatever the CSP says, so the recorder itself cannot be a violation.
 */
export const VIOLATION_RECORDER = `window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
}, true);`;

/** What VIOLATION_RECORDER has seen in this page view. */
export const violations = (page: Page) => page.evaluate(() => (window as any).__violations as string[]);
