import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'chatlet_session';

/** A new session secret: 32 random bytes. Only its SHA-256 is stored. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The session secret the request carries, if any. */
export function sessionSecretOf(req: Request): string | null {
  const header = req.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : null;
  }
  return null;
}

/** `HttpOnly; SameSite=Strict; Path=/`, `Secure` when the server's public URL is https. */
export function setSessionCookie(res: Response, secret: string, maxAgeMs: number, secure: boolean): void {
  res.append('Set-Cookie', cookie(secret, Math.floor(maxAgeMs / 1000), secure));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', cookie('', 0, secure));
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
