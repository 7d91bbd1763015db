import { Router } from 'express';
import { noStore, PAGE_CSP, pageSecurityHeaders } from '../http/security-headers.ts';
import { BOT_ID_PATTERN } from '../ids.ts';
import type { PublicUrls } from '../public-urls.ts';
import type { BotsStore } from '../store/types.ts';
import { escapeHtml } from './templates.ts';

/**
 * `GET /try/<botId>`: a page Chatlet serves with the bot's latest published version embedded by the documented
 * one-line tag, so an author can see the bot on a page without owning a site.
 *
 * No session: it shows only what is public already (the published script, served to anyone at `/bots/<id>.js`)
 * and the bot's name, so an author can send the link to a colleague. An unknown, unpublished or deleted bot gets
 * the same 404 page, so neither a draft nor whether an id exists leaks. It lives at `/try/`, not under `/bots/`,
 * because `/bots/` is the script route: cached, CORS-open and logged quietly, none of which suits a page.
 */
export function tryPageRouter(deps: { store: BotsStore; urls: PublicUrls }): Router {
  const router = Router();
  router.get('/try/:botId', noStore(), pageSecurityHeaders(), async (req, res) => {
    const botId = String(req.params.botId);
    const settings = BOT_ID_PATTERN.test(botId) ? await deps.store.botVisitorSettings(botId) : null;
    const bot = settings?.published ? await deps.store.getBot(settings.orgId, botId) : null;
    if (!bot?.published) return void res.status(404).type('html').send(notFoundPage());
    const urls = deps.urls.forRequest(req);
    // The bundle calls home at the base it was compiled with (PUBLIC_URL or http://localhost:<port>), which may
    // differ from the origin this page was opened at: let the page connect there too.
    const home = new URL(deps.urls.base).origin;
    res.setHeader('Content-Security-Policy', PAGE_CSP.replace("connect-src 'self'", `connect-src 'self' ${home}`));
    res.type('html').send(tryPage(bot.name, urls.latestScript(botId)));
  });
  return router;
}

/** The test page: a plain landing-like page, our stylesheet, and the bot's one script tag (no inline script). */
export function tryPage(name: string, scriptUrl: string): string {
  return shell(
    `Try ${name}`,
    `<header class="try-hero">
  <p class="try-kicker">Chatlet test page</p>
  <h1>${escapeHtml(name)}</h1>
  <p>This page is a Chatlet test page for the bot <strong>${escapeHtml(name)}</strong>. It shows the latest published
  version the way visitors of your site will see it. Open the chat in the corner and talk to it.</p>
</header>
<section class="try-grid" aria-label="About this page">
  <article><h2>What you see</h2><p>The published bot, loaded with the same one-line tag you paste into your own pages.</p></article>
  <article><h2>What you do not see</h2><p>Your draft. Publish again in the builder to update this page.</p></article>
  <article><h2>Embed it</h2><p><code>${escapeHtml(`<script src="${scriptUrl}" async></script>`)}</code></p></article>
</section>
<script src="${escapeHtml(scriptUrl)}" async></script>`,
  );
}

/** What `/try/<id>` answers for a bot that is unknown, unpublished or deleted. */
export function notFoundPage(): string {
  return shell(
    'Bot not found',
    `<header class="try-hero">
  <p class="try-kicker">Chatlet test page</p>
  <h1>There is no published bot here</h1>
  <p>This bot does not exist, or it has not been published yet. Publish it in the builder, then open its test page
  again from the Publish tab.</p>
</header>`,
  );
}

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Chatlet</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/try-page.css">
</head>
<body>
<main class="try">
${body}
</main>
</body>
</html>
`;
}
