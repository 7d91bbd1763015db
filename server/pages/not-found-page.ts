import type { Request, RequestHandler } from 'express';
import { pageSecurityHeaders } from '../http/security-headers.ts';
import { escapeHtml, page } from './templates.ts';

/** The page a person gets for an address this server has nothing at. */
export function notFoundPage(path: string): string {
  return page({
    title: 'Page not found',
    script: false,
    body: `<h1>Page not found</h1>
<p>There is nothing at <code>${escapeHtml(path)}</code> on this Chatlet server.</p>
<p><a href="/">Go to the start page</a></p>`,
  });
}

/** A browser navigating (GET or HEAD, HTML preferred over JSON), outside the API. */
function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.path === '/api' || req.path.startsWith('/api/')) return false;
  return req.accepts(['json', 'html']) === 'html';
}

/**
 * Just before the API's coded 404: a browser opening an unknown address gets a page that says so, not a JSON
 * error; API clients, and anything that does not prefer HTML (`*` or no Accept), still get `route.not_found`.
 */
export function pageNotFound(): RequestHandler {
  const headers = pageSecurityHeaders();
  return function pageNotFound(req, res, next) {
    if (!wantsPage(req)) return next();
    headers(req, res, () => {
      res.status(404).setHeader('Cache-Control', 'no-store');
      res.type('html').send(notFoundPage(req.path));
    });
  };
}
