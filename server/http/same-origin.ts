import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for methods that change nothing (and so need no CSRF check). */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

/**
 * Decides whether a browser request comes from the server's own pages.
 * With PUBLIC_URL set, only its origin counts. Without it, the default base (`http://localhost:<port>`) and the
 * origin the request was addressed to (`<protocol>://<Host>`) count: a cross-site page cannot make a browser send
 * its own origin together with our Host, so this is still a same-origin check, and a server reached by IP works.
 */
export class SameOrigin {
  private readonly fixed: string | null;
  private readonly fallback: string;

  constructor(options: { publicUrl?: string; defaultBase: string }) {
    this.fixed = options.publicUrl ? normaliseOrigin(options.publicUrl) : null;
    this.fallback = normaliseOrigin(options.defaultBase) ?? options.defaultBase;
  }

  /** The origin the browser says the request comes from: `Origin`, else the origin of `Referer`; null if neither. */
  requestOrigin(req: Request): string | null {
    const origin = req.get('origin');
    if (origin && origin !== 'null') return normaliseOrigin(origin);
    if (origin === 'null') return 'null';
    const referer = req.get('referer');
    return referer ? normaliseOrigin(referer) : null;
  }

  /** Whether `origin` is this server's own. */
  matches(origin: string | null, req: Request): boolean {
    if (!origin) return false;
    if (this.fixed) return origin === this.fixed;
    if (origin === this.fallback) return true;
    const host = req.get('host');
    return host !== undefined && origin === normaliseOrigin(`${req.protocol}://${host}`);
  }

  /** The request comes from one of our pages (by `Origin` or `Referer`). */
  isSameOrigin(req: Request): boolean {
    return this.matches(this.requestOrigin(req), req);
  }
}

/** `scheme://host[:port]` in canonical form (lower case, default port dropped), or null for anything else. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
