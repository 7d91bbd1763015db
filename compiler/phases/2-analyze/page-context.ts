/**
 * Page context: the read-only variable `page` the runtime fills when a conversation starts, from the
 * landing page the bot runs on (docs/scenario-format.md, "Page context"). Expressions read it as
 * `page.url` or `page.utm.source`; no node may store into it, and `settings.results.collect` may name
 * its fields.
 */

/** The variable's name. */
export const PAGE = 'page';

/** The utm_ query parameters the runtime copies into `page.utm`. */
export const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** Every page context name a scenario may collect, as a report's keys spell them, in the docs' order. */
export const PAGE_CONTEXT_NAMES: readonly string[] = [
  'page.url',
  'page.referrer',
  ...UTM_FIELDS.map((f) => `page.utm.${f}`),
];

/** The same names, for lookups. */
export const PAGE_NAMES: ReadonlySet<string> = new Set(PAGE_CONTEXT_NAMES);

// A script reaches variables as `vars.page`, `vars["page"]` or by destructuring; any mention of the word counts.
const SCRIPT_MENTION = /\bpage\b/;

/** True when a script's code may read page context; a false positive only costs the bundle its few bytes. */
export function scriptMayReadPage(code: string): boolean {
  return SCRIPT_MENTION.test(code);
}
