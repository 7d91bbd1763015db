import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A visitor token lives 180 days; the runtime exchanges its visitor id again when one expires. */
export const TOKEN_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;
/** The store keeps the signing key under this name, so every instance signs and verifies alike. */
export const TOKEN_SECRET_NAME = 'visitor-token-hmac';

export interface VisitorClaims {
  botId: string;
  visitorId: string;
  /** Expiry, ms since epoch. */
  exp: number;
}

export type VerifyResult = { ok: true; claims: VisitorClaims } | { ok: false; reason: 'bad_token' | 'token_expired' };

/** A fresh signing key: 32 random bytes. */
export function newTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Signs and checks visitor tokens: `v1.<base64url JSON {b, v, e}>.<base64url HMAC-SHA256>`.
 * Stateless, so no instance needs to look a token up.
 */
export class VisitorTokens {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  issue(botId: string, visitorId: string): { token: string; expiresAt: number } {
    const exp = this.now() + TOKEN_LIFETIME_MS;
    const body = Buffer.from(JSON.stringify({ b: botId, v: visitorId, e: exp })).toString('base64url');
    return { token: `v1.${body}.${this.sign(body)}`, expiresAt: exp };
  }

  verify(token: string): VerifyResult {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'bad_token' };
    const [, body, mac] = parts;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'bad_token' };
    let claims: { b?: unknown; v?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'bad_token' };
    }
    if (typeof claims.b !== 'string' || typeof claims.v !== 'string' || typeof claims.e !== 'number') {
      return { ok: false, reason: 'bad_token' };
    }
    if (claims.e <= this.now()) return { ok: false, reason: 'token_expired' };
    return { ok: true, claims: { botId: claims.b, visitorId: claims.v, exp: claims.e } };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(`visitor.${body}`).digest('base64url');
  }
}
