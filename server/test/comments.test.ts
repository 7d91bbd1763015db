import { expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readTree } from './architecture/imports.ts';
import { PACKAGES } from './architecture/rules.ts';

/**
 * Comments say why, never which tracker issue asked for the code: a number means nothing to a
 * newcomer reading the file, and the reason is what they need.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** "issue 5", "Issue #12", "(#7)", "see #42": a tracker reference, not a colour like #4f46e5. */
const TRACKER = /\bissues?\s+#?\d+\b|\(#\d+\)|\bsee\s+#\d+\b/i;

/** The lines of `source` that cite a tracker number, as `line: text`. */
function trackerCitations(source: string): string[] {
  return source.split('\n').flatMap((text, i) => (TRACKER.test(text) ? [`${i + 1}: ${text.trim()}`] : []));
}

it('no source file cites a tracker issue number', () => {
  const found = [...readTree(ROOT, PACKAGES)]
    .filter(([path]) => /\.(ts|tsx|mjs|js)$/.test(path) && path !== 'server/test/comments.test.ts')
    .flatMap(([path, text]) => trackerCitations(text).map((line) => `${path}:${line}`));
  expect(found).toEqual([]);
});

it('tells a tracker reference from a colour or an id', () => {
  const src = ['// as issue 5 asked', '/** Fixes #12 (#12). */', "const accent = '#4f46e5';", "const id = 'b_123';"];
  expect(trackerCitations(src.join('\n'))).toEqual(['1: // as issue 5 asked', '2: /** Fixes #12 (#12). */']);
});
