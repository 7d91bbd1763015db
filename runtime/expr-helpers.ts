/**
 * `$`, the helper table that compiled scenario expressions call (see compiler/expr/emit-js.ts).
 * It ships in every bot bundle, so it is written for size: no classes, no dependencies.
 * No helper throws: missing values read as null, bad numbers and dates give null.
 */

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const isArr = Array.isArray;

/** Display text: null/undefined → "", lists joined with ", ", objects as JSON. */
const s = (x: Any): string => {
  try {
    return x == null ? '' : isArr(x) ? x.map(s).join(', ') : typeof x == 'object' ? JSON.stringify(x) : '' + x;
  } catch {
    return '';
  }
};

/** A number, or null when `x` is empty, an object or not numeric. */
const n = (x: Any): number | null =>
  x == null || typeof x == 'object' || (typeof x == 'string' && !x.trim()) || (x = +x) != x ? null : x;

const unit = (k: number) => (x: Any) => ((x = n(x)) == null ? null : x * k);

export const $ = {
  /** Own property `k` of `o`, or null: data can never lead to a prototype. */
  m: (o: Any, k: Any) => (o != null && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : null),
  s,
  len: (x: Any): number => (x == null ? 0 : typeof x == 'object' ? Object.keys(x).length : s(x).length),
  lower: (x: Any) => s(x).toLowerCase(),
  upper: (x: Any) => s(x).toUpperCase(),
  trim: (x: Any) => s(x).trim(),
  contains: (a: Any, b: Any): boolean => (isArr(a) ? a.includes(b) : s(a).includes(s(b))),
  startsWith: (a: Any, b: Any): boolean => s(a).startsWith(s(b)),
  matches: (x: Any, p: string, f?: string): boolean => new RegExp(p, f).test(s(x)),
  number: n,
  string: s,
  now: () => Date.now(),
  /** A ms timestamp: numbers pass through, text is parsed; invalid → null. */
  date: (x: Any): number | null => ((x = typeof x == 'number' ? x : Date.parse(s(x))), isFinite(x) ? x : null),
  days: unit(864e5),
  hours: unit(36e5),
  minutes: unit(6e4),
};
