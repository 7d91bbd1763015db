/**
 * Finds words in a script node's code that load or evaluate code. It reads code the way JavaScript
 * does, enough to skip strings, comments, regex literals and the text of template literals, so
 * `"import"` in a message is fine while `import(` and `eval(` are not. It is a guard for honest
 * mistakes and a clear message; the bundle's CSP (no unsafe-eval) is what stops determined tricks.
 */

export interface ForbiddenWord {
  kind: 'import' | 'eval';
  word: string;
  /** 0-based offset in the code. */
  pos: number;
}

const WORDS: Record<string, ForbiddenWord['kind']> = {
  import: 'import',
  require: 'import',
  importScripts: 'import',
  eval: 'eval',
  Function: 'eval',
};

const isIdStart = (c: string) => /[A-Za-z_$\u0080-\uffff]/.test(c);
const isId = (c: string) => /[\w$\u0080-\uffff]/.test(c);
// After one of these (or at the start), a `/` begins a regex literal rather than a division.
const REGEX_AFTER = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const REGEX_AFTER_WORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

/** Every forbidden word in `code`, in order. `x.constructor` counts as eval: it reaches `Function`. */
export function findForbiddenWords(code: string): ForbiddenWord[] {
  const hits: ForbiddenWord[] = [];
  // Each entry is the brace depth of an open `${` inside a template literal.
  const templates: number[] = [];
  let depth = 0;
  let prev = ''; // the last significant token, for the regex-or-division question
  let i = 0;
  const n = code.length;

  const skipString = (quote: string) => {
    for (i++; i < n && code[i] !== quote && code[i] !== '\n'; i++) if (code[i] === '\\') i++;
    i++;
  };
  // Reads template text from i (just after ` or }) up to the closing ` or the next `${`.
  const skipTemplateText = () => {
    for (; i < n; i++) {
      if (code[i] === '\\') i++;
      else if (code[i] === '`') {
        i++;
        return;
      } else if (code[i] === '$' && code[i + 1] === '{') {
        templates.push(depth);
        depth++;
        i += 2;
        return;
      }
    }
  };

  while (i < n) {
    const c = code[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && code[i + 1] === '/') {
      while (i < n && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      skipString(c);
      prev = 'str';
    } else if (c === '`') {
      i++;
      skipTemplateText();
      prev = 'str';
    } else if (c === '/' && (REGEX_AFTER.has(prev) || REGEX_AFTER_WORDS.has(prev))) {
      let inClass = false;
      for (i++; i < n && code[i] !== '\n'; i++) {
        if (code[i] === '\\') i++;
        else if (code[i] === '[') inClass = true;
        else if (code[i] === ']') inClass = false;
        else if (code[i] === '/' && !inClass) break;
      }
      i++;
      while (i < n && isId(code[i])) i++;
      prev = 'regex';
    } else if (isIdStart(c)) {
      const start = i;
      while (i < n && isId(code[i])) i++;
      const word = code.slice(start, i);
      if (Object.hasOwn(WORDS, word)) hits.push({ kind: WORDS[word], word, pos: start });
      else if (word === 'constructor' && prev === '.') hits.push({ kind: 'eval', word: '.constructor', pos: start });
      prev = word;
    } else if (c === '{') {
      depth++;
      i++;
      prev = c;
    } else if (c === '}') {
      depth--;
      i++;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        skipTemplateText();
        prev = 'str';
      } else {
        prev = c;
      }
    } else if (c >= '0' && c <= '9') {
      while (i < n && /[\w.]/.test(code[i])) i++;
      prev = 'num';
    } else {
      i++;
      prev = c === ')' || c === ']' ? 'val' : c;
    }
  }
  return hits;
}
