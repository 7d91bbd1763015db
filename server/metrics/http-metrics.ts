import type { RequestHandler } from 'express';
import { describedRoutes } from '../openapi/describe-route.ts';
import { httpDuration } from './registry.ts';

interface Matcher {
  method: string;
  pattern: RegExp;
  label: string;
}

// Everything outside /api/v1 that has a stable name; any other path is `other`, so labels stay few.
const FIXED: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^\/bots\/[^/]+\.js$/, () => '/bots/:id.js'],
  [/^\/bots\/[^/]+\/[^/]+\.js$/, () => '/bots/:id/:hash.js'],
  [/^\/(healthz|readyz|metrics|login|builder|console)?$/, (m) => `/${m[1] ?? ''}`],
  [/^\/(static|assets|demo)\//, (m) => `/${m[1]}/*`],
];

/**
 * Observes every response in `chatlet_http_request_duration_seconds`, labelled by route template:
 * `/api/v1` routes by their `describeRoute` path, a few fixed paths by name, everything else as `other`.
 */
export function httpMetrics(): RequestHandler {
  let matchers: Matcher[] = [];
  let described = -1;

  function label(method: string, path: string): string {
    for (const [pattern, name] of FIXED) {
      const match = pattern.exec(path);
      if (match) return name(match);
    }
    if (!path.startsWith('/api/v1/')) return 'other';
    const routes = describedRoutes();
    if (routes.length !== described) {
      described = routes.length;
      matchers = routes.map((r) => ({
        method: r.method.toUpperCase(),
        pattern: new RegExp(
          `^/api/v1${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[:*][A-Za-z_][A-Za-z0-9_]*/g, '[^/]+')}/?$`,
        ),
        label: `/api/v1${r.path}`,
      }));
    }
    const wanted = method === 'HEAD' ? 'GET' : method;
    return matchers.find((m) => m.method === wanted && m.pattern.test(path))?.label ?? 'other';
  }

  return function httpMetrics(req, res, next) {
    const started = process.hrtime.bigint();
    // Read now: routers rewrite req.url on the way down, and the response may finish inside one.
    const path = req.path;
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpDuration.observe(
        { method: req.method, route: label(req.method, path), status: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };
}
