import type { Txt, Vars } from './types.ts';
import { pickLang } from './i18n.ts';

/**
 * Resolves a compiled Text for the visitor: the first of their languages the text has, else the
 * scenario locale, else any. Templates run with the current variables; the result is plain text.
 */
export function resolveText(t: Txt | undefined, v: Vars, langs: string[], locale: string): string {
  if (t == null) return '';
  if (typeof t === 'string') return t;
  if (typeof t === 'function') {
    try {
      return String(t(v));
    } catch {
      return '';
    }
  }
  return resolveText(pickLang(t, langs, locale), v, langs, locale);
}
