import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The largest multiple of 62 below 256: bytes above it are dropped so every letter is equally likely.
const UNBIASED_LIMIT = 248;

/** A short random id that is safe in URLs and file names: `b_` + 12 letters and digits (~71 bits). */
export function newId(prefix: string, length = 12): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT && id.length < length) id += ALPHABET[byte % ALPHABET.length];
    }
  }
  return `${prefix}_${id}`;
}

/** A bearer token secret: 32 random bytes, base64url. */
export function newSecret(): string {
  return `chl_${randomBytes(32).toString('base64url')}`;
}

/** What a bot id in a URL may look like: generated ids, plus fixed ones such as `demo`. */
export const BOT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
