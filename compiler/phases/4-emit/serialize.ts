/**
 * Writes lowered data as JavaScript source: JSON, except that `{ $js }` markers are written
 * verbatim. Key order is kept as built, so the same scenario always gives the same bytes.
 */
export function toSource(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // JSON.stringify leaves U+2028/9 raw; escape them so older parsers see one line.
    return value === undefined
      ? 'void 0'
      : JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16));
  }
  if (Array.isArray(value)) return '[' + value.map(toSource).join(',') + ']';
  const obj = value as Record<string, unknown>;
  if (typeof obj.$js === 'string' && Object.keys(obj).length === 1) return obj.$js;
  return (
    '{' +
    Object.keys(obj)
      .map((k) => JSON.stringify(k) + ':' + toSource(obj[k]))
      .join(',') +
    '}'
  );
}

/** The same data as plain JSON: code markers become their source text, for tools and tests. */
export function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
