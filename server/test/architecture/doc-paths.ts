/**
 * Reads the file paths docs/architecture.md names, so a test can hold the page to the tree: a path
 * in backticks that starts with one of the repository's folders, or a relative Markdown link.
 */

/** Top-level folders a named path may start with. */
const ROOTS = ['compiler', 'runtime', 'rest', 'server', 'builder', 'bench', 'demo', 'docs'];

const CODE_SPAN = /`([^`\s]+)`/g;
const LINK = /\]\(([^)#\s]+)(?:#[^)]*)?\)/g;

/** Every repository path the page names, `<type>` replaced by `type`; links are relative to docs/. */
export function namedPaths(markdown: string, type: string): string[] {
  const out = new Set<string>();
  for (const [, span] of markdown.matchAll(CODE_SPAN)) {
    const path = span.replace(/<type>/g, type).replace(/[.,:;]$/, '');
    if (ROOTS.includes(path.split('/')[0]) && path.includes('/')) out.add(path.replace(/\/$/, ''));
  }
  for (const [, link] of markdown.matchAll(LINK)) {
    if (!/^[a-z]+:/.test(link)) out.add(`docs/${link}`);
  }
  return [...out].sort();
}

/** The paths of the node-type list (between its two marker comments), `<type>` replaced by `type`. */
export function nodeTypeFiles(markdown: string, type: string): string[] {
  const m = /<!-- node-type-files: start -->([\s\S]*?)<!-- node-type-files: end -->/.exec(markdown);
  if (!m) throw new Error('docs/architecture.md has no node-type file list between its markers');
  return namedPaths(m[1], type);
}
