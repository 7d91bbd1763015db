/**
 * Finds exported declarations without a TSDoc comment (`/** … *\/`) right above them: the line an
 * editor shows on hover, and what a newcomer reads first. Re-exports (`export { a } from …`) are
 * documented where they are declared, so they are not asked for one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A declaration that lacks its TSDoc line. */
export interface Undocumented {
  file: string;
  line: number;
  name: string;
}

const DECLARATION =
  /^export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/;

// `export default name;` and `export { a, b as c };` (no `from`): the names are declared in this file.
const LOCAL_EXPORT = /^export\s+(?:default\s+([A-Za-z_$][\w$]*)\s*;|\{([^}]*)\}\s*;?\s*$)/;

/**
 * The exported declarations of one source file that have no `/** … *\/` block ending on the line
 * above; for a name exported apart from its declaration, the declaration is what needs the comment.
 */
export function undocumented(file: string, source: string): Undocumented[] {
  const lines = source.split('\n');
  const out: Undocumented[] = [];
  const seen = new Set<number>();
  const need = (line: number, name: string) => {
    if (seen.has(line)) return;
    seen.add(line);
    if (!hasDocAbove(lines, line)) out.push({ file, line: line + 1, name });
  };
  lines.forEach((text, i) => {
    const m = DECLARATION.exec(text);
    if (m) return need(i, m[2]);
    const local = LOCAL_EXPORT.exec(text);
    if (!local) return;
    const names = local[1] ? [local[1]] : local[2].split(',').map(localName);
    for (const name of names.filter(Boolean)) {
      const declared = lines.findIndex((l) => declares(l, name));
      // Not declared here (imported, then exported again): documented where it is declared.
      if (declared >= 0) need(declared, name);
    }
  });
  return out.sort((a, b) => a.line - b.line);
}

/** `b as c` → `b`, `type T` → `T`: the name as declared in the file. */
const localName = (spec: string) =>
  spec
    .trim()
    .replace(/^type\s+/, '')
    .split(/\s+as\s+/)[0];

const declares = (line: string, name: string) =>
  new RegExp(
    `^(?:export\\s+)?(?:declare\\s+)?(?:async\\s+)?(?:abstract\\s+)?(?:function\\*?|const|let|var|class|interface|type|enum)\\s+${name.replace(/\$/g, '\\$')}\\b`,
  ).test(line);

/** True when the lines just above `i` are a block comment opened with `/**`. */
function hasDocAbove(lines: string[], i: number): boolean {
  let j = i - 1;
  if (j < 0 || !lines[j].trim().endsWith('*/')) return false;
  // Walk up to the line that opens the block; a one-line `/** … */` opens and closes on one.
  while (j >= 0 && !lines[j].includes('/*')) j--;
  return j >= 0 && lines[j].trim().startsWith('/**');
}

/** Source files under `folder` of `root` that owe TSDoc: code, not tests, not third-party declarations. */
export function sourceFiles(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'test') walk(path);
      } else if (/\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name)) out.push(path);
    }
  };
  walk(folder);
  return out.sort();
}

/** Every undocumented export under `folders` of `root`. */
export function undocumentedIn(root: string, folders: readonly string[]): Undocumented[] {
  return folders.flatMap((folder) =>
    sourceFiles(root, folder).flatMap((file) => undocumented(file, readFileSync(join(root, file), 'utf8'))),
  );
}
