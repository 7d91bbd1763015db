import { d } from '../../diagnostics/catalogue.ts';
import type { HttpHeaders, Text } from '../../model/types.ts';
import { formatPath } from '../1-parse/issues.ts';
import type { NodeContext } from './visitor.ts';

/**
 * Literal credentials in HTTP nodes. A bundle is public, so a secret written into a scenario is a
 * leaked secret. A value that interpolates a variable (`Bearer {{token}}`) is not literal; a header
 * written `{value, public: true}` is the author saying it is safe to publish. Also: variable names that
 * say they hold a secret, which a results report should not carry.
 */

const SENSITIVE_NAME = /^(?:authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|passw(?:or)?d/i;
const SENSITIVE_QUERY = /[?&](api[-_]?key|apikey|access[-_]?token|token|secret|client[-_]?secret|password)=([^&#]*)/i;

const literal = (s: string) => s.trim() !== '' && !s.includes('{{');

const texts = (t: Text): [string, string][] => (typeof t === 'string' ? [['', t]] : Object.entries(t));

/** Checks header values (as templates) and reports sensitive headers with literal values. */
export function checkHeaders(headers: HttpHeaders | undefined, field: string, cx: NodeContext): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    const path = formatPath(field, [name]);
    if (typeof value === 'string') {
      cx.text(path, value);
      if (SENSITIVE_NAME.test(name) && literal(value))
        cx.report(d.http_literal_secret(cx.at(path), `header "${name}"`));
    } else {
      cx.text(`${path}.value`, value.value);
    }
  }
}

/** Reports credentials written into a URL's query string (`?api_key=...`). */
export function checkUrlSecrets(url: Text, field: string, cx: NodeContext): void {
  for (const [lang, s] of texts(url)) {
    const m = SENSITIVE_QUERY.exec(s);
    if (m && literal(m[2]))
      cx.report(d.http_literal_secret(cx.at(lang ? formatPath(field, [lang]) : field), `query parameter "${m[1]}"`));
  }
}

/** Reports literal values of sensitive keys anywhere in a JSON body (`{"client_secret": "..."}`). */
export function checkBodySecrets(body: unknown, field: string, cx: NodeContext, depth = 0): void {
  if (depth > 64 || body === null || typeof body !== 'object') return;
  for (const [key, value] of Object.entries(body)) {
    const path = formatPath(field, [Array.isArray(body) ? Number(key) : key]);
    if (typeof value === 'string') {
      if (!Array.isArray(body) && SENSITIVE_NAME.test(key) && literal(value))
        cx.report(d.http_literal_secret(cx.at(path), `body field "${key}"`));
    } else {
      checkBodySecrets(value, path, cx, depth + 1);
    }
  }
}

// Variable names a report should not carry: words on their own, and phrases that may be run together.
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passcode',
  'passphrase',
  'pin',
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'iban',
  'ssn',
  'token',
  'secret',
  'otp',
  'credential',
  'credentials',
]);
const SECRET_PHRASES =
  /password|passwd|secret|token|api_?key|card_?(?:number|no|num)|credit_?card|cc_?num|social_?security|private_?key/;

/**
 * True when a variable's name says it holds a secret or a credential (`password`, `cardNumber`, `pin_code`,
 * `api_key`, `iban`…). Names are read as words, so `shipping` is not a PIN.
 */
export function looksLikeSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w)) || SECRET_PHRASES.test(words.join('_'));
}
