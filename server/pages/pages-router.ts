import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AuthService } from '../accounts/auth-service.ts';
import { assetCacheHeaders } from '../assets/asset-cache.ts';
import type { InviteService } from '../accounts/invite-service.ts';
import type { SessionService } from '../accounts/session-service.ts';
import { noStore, pageCspWithNonce, pageSecurityHeaders } from '../http/security-headers.ts';
import type { Role, Session } from '../store/types.ts';
import { invitePage } from './invite-page.ts';
import { forbiddenPage, loginPage, missingPage, onboardingPage, safeNext } from './templates.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

export interface PagesOptions {
  auth: AuthService;
  sessions: SessionService;
  /** Serves `/invite/<token>`, where an invited person joins. */
  invites?: InviteService;
  /** `builder/index.html` (the builder's engineer writes it). */
  builderHtml?: string;
  /** `server/console/index.html` (the console's engineer writes it). */
  consoleHtml?: string;
  /** Rollup's output, served at `/assets/` (default dist/); null when it could not be built: no builder or console then. */
  assetsDir?: string | null;
}

/**
 * The server's own HTML: `/` (set-up on an empty install, else where your role works), `/login`, and the
 * session-only `/builder` (owners, editors) and `/console` (everyone). Every page gets the CSP and no caching;
 * `/static/` holds their script and stylesheet, `/assets/` the builder's and console's bundles.
 */
export function pagesRouter(options: PagesOptions): Router {
  const router = Router();
  const builderHtml = options.builderHtml ?? `${ROOT}builder/index.html`;
  const consoleHtml = options.consoleHtml ?? `${ROOT}server/console/index.html`;
  const pageHeaders = [pageSecurityHeaders(), noStore()];

  router.use('/static', express.static(STATIC_DIR, { index: false, maxAge: '5m' }), fileNotFound());
  const assetsDir = options.assetsDir === undefined ? `${ROOT}dist` : options.assetsDir;
  if (assetsDir)
    router.use(
      '/assets',
      express.static(assetsDir, { index: false, maxAge: '5m', dotfiles: 'ignore', setHeaders: assetCacheHeaders }),
    );
  router.use('/assets', fileNotFound());
  // Browsers ask for /favicon.ico whatever the page links; they all draw an SVG served under that name too.
  router.get('/favicon.ico', function favicon(_req, res) {
    res.sendFile('favicon.svg', { root: STATIC_DIR, maxAge: '5m' });
  });

  router.get('/', ...pageHeaders, async (req, res) => {
    if (!(await options.auth.isSetUp())) return void res.type('html').send(onboardingPage());
    const resolved = await options.sessions.resolve(req);
    const role = resolved && resolved !== 'expired' ? resolved.session.role : null;
    res.redirect(302, role === 'manager' ? '/console' : '/builder');
  });

  router.get('/login', ...pageHeaders, async (req, res) => {
    if (!(await options.auth.isSetUp())) return void res.redirect(302, '/');
    res.type('html').send(loginPage(safeNext(req.query.next)));
  });

  if (options.invites) router.get('/invite/:token', ...pageHeaders, invitePage(options.invites));

  router.get('/builder', ...pageHeaders, requireSession(options.sessions, ['owner', 'editor']), async (_req, res) => {
    await sendPage(res, assetsDir && builderHtml, 'Builder');
  });

  router.get(
    '/console',
    ...pageHeaders,
    requireSession(options.sessions, ['owner', 'editor', 'manager']),
    async (_req, res) => {
      await sendPage(res, assetsDir && consoleHtml, 'Console');
    },
  );

  return router;
}

/** Pages need a session: without one, to `/login?next=<this page>`; with a role that may not, a 403 page. */
function requireSession(sessions: SessionService, roles: Role[]): RequestHandler {
  return async function requireSession(req: Request, res: Response, next) {
    const resolved = await sessions.resolve(req);
    if (!resolved || resolved === 'expired') {
      if (resolved === 'expired') sessions.clear(res);
      return res.redirect(302, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    const { session } = resolved;
    if (!roles.includes(session.role))
      return void res.status(403).type('html').send(forbiddenPage(session, session.role));
    res.locals.session = session satisfies Session;
    next();
  };
}

/**
 * Sends a page file. Without it, or without the assets it loads (`file` null), a page saying it is not installed
 * rather than one stuck on "Loading…". A page that holds `__CSP_NONCE__` gets a fresh nonce there and in its CSP
 * (`script-src 'self' 'nonce-…'`): the builder's preview runs the bot in a srcdoc frame, which inherits the page's policy.
 */
async function sendPage(res: Response, file: string | null, what: string): Promise<void> {
  let html = file ? await readFile(file, 'utf8').catch(() => null) : null;
  if (html === null) {
    res
      .status(404)
      .type('html')
      .send(missingPage(what, res.locals.session as Session));
    return;
  }
  if (html.includes(NONCE_PLACEHOLDER)) {
    const nonce = randomBytes(16).toString('base64');
    html = html.replaceAll(NONCE_PLACEHOLDER, nonce);
    res.setHeader('Content-Security-Policy', pageCspWithNonce(nonce));
  }
  res.type('html').send(html);
}

const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * A file missing under /static/ or /assets/ is a bare 404 in the type its extension asks for (text/plain when it
 * names none): the JSON error body the API gives would make a browser also report a refused MIME type.
 */
function fileNotFound(): RequestHandler {
  return function fileNotFound(req, res) {
    res.status(404).setHeader('Cache-Control', 'no-store');
    res.type(extname(req.path) || 'txt');
    if (String(res.get('Content-Type')).startsWith('application/octet-stream')) res.type('txt');
    res.send('Not found\n');
  };
}
