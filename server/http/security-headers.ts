import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/** A page may load scripts, styles, images and data from this server only. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The page CSP with one more allowed script source: inline scripts carrying this response's nonce. */
export function pageCspWithNonce(nonce: string): string {
  return PAGE_CSP.replace("script-src 'self'", `script-src 'self' 'nonce-${nonce}'`);
}

/** Headers every response gets: no MIME sniffing, no referrer leaks to other origins. */
export function baseSecurityHeaders(): RequestHandler {
  return function baseSecurityHeaders(_req, res, next) {
    setBaseSecurityHeaders(res);
    next();
  };
}

/** What `baseSecurityHeaders()` sets, for a route that answers before the middleware chain (bot scripts). */
export function setBaseSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

/** Headers for HTML pages served by us (demo today; builder and console later). */
export function pageSecurityHeaders(csp = PAGE_CSP): RequestHandler {
  return function pageSecurityHeaders(_req, res, next) {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}

/** API answers are per-caller data: never cached by browsers or proxies. */
export function noStore(): RequestHandler {
  return function noStore(_req, res, next) {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
