import type { UiKey, UiStrings } from './types.ts';

/** The visitor's languages in preference order, two-letter codes. */
export function visitorLangs(langs: readonly string[] = navigator.languages || []): string[] {
  return langs.map((l) => l.slice(0, 2).toLowerCase());
}

/**
 * The entry of a per-language table for the visitor: the first of their languages it has, else the
 * scenario locale, else its first. UI strings (the compiler put in only the languages the bot speaks)
 * and per-language texts (runtime/text.ts) both pick with it, so the bundle carries the rule once.
 */
export function pickLang<T>(table: Record<string, T>, langs: string[], locale: string): T {
  for (const l of langs.concat(locale)) if (table[l] != null) return table[l];
  return table[Object.keys(table)[0]];
}

/** The UI strings for the visitor (only the keys the bot can show). */
export const pickStrings: (table: UiStrings, langs: string[], locale: string) => Partial<Record<UiKey, string>> =
  pickLang;
