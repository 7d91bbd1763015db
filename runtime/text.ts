import type { Txt, Vars } from './types.ts';

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
  let pick: any;
  for (const l of langs.concat(locale)) if ((pick = t[l]) != null) break;
  return resolveText(pick ?? t[Object.keys(t)[0]], v, langs, locale);
}
