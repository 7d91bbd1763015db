import { createHash, timingSafeEqual } from 'node:crypto';

/** Tokens are stored and compared as SHA-256 hex: a leaked database holds no usable secret. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
