/** The ETag of a bot's draft: its revision, which goes up by one on every save. */
export function draftEtag(revision: number): string {
  return `"d${revision}"`;
}

/**
 * The revision an `If-Match` header asks for: a number, `null` for `*` (any revision), or `'invalid'` for a header
 * that names no draft of ours (it can never match, so the save is a conflict rather than a silent overwrite).
 */
export function parseDraftEtag(header: string): number | null | 'invalid' {
  const value = header.trim();
  if (value === '*') return null;
  const match = /^"d(\d{1,9})"$/.exec(value.split(',')[0].trim());
  return match ? Number(match[1]) : 'invalid';
}
