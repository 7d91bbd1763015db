import type { UiKey, UiStrings } from './types.ts';

/** The visitor's languages in preference order, two-letter codes. */
export function visitorLangs(langs: readonly string[] = navigator.languages || []): string[] {
  return langs.map((l) => l.slice(0, 2).toLowerCase());
}

/**
 * The UI strings for the visitor: the first of their languages the bundle ships, else the
 * scenario locale, else whatever it ships. The compiler put in only the languages the bot speaks,
 * and only the keys it can show.
 */
export function pickStrings(table: UiStrings, langs: string[], locale: string): Partial<Record<UiKey, string>> {
  for (const l of langs.concat(locale)) if (table[l]) return table[l];
  return table[Object.keys(table)[0]];
}
