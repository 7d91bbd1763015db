import type { Express } from 'express';

export interface ExpressRoute {
  method: string;
  /** Express-style, with mount paths joined: `/api/v1/bots/:id`. */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[] | RegExp;
}

/**
 * Every route registered on the app, read from Express's router stack (router 2 keeps each layer's `rawPath`),
 * so a test that walks them covers routes added after it was written.
 */
export function expressRoutes(app: Express): ExpressRoute[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  const routes: ExpressRoute[] = [];
  walk(root.stack, '', routes);
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function walk(stack: Layer[], prefix: string, out: ExpressRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const path of asArray(layer.route.path)) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: join(prefix, path) });
        }
      }
    } else if (layer.handle?.stack) {
      const mount = layer.rawPath;
      if (mount instanceof RegExp) throw new Error(`a router is mounted on a RegExp (${mount}); name its path instead`);
      for (const path of asArray(mount ?? '/')) walk(layer.handle.stack, join(prefix, path), out);
    }
  }
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
