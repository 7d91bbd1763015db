/**
 * `$`, the helper table that compiled scenario expressions call (see compiler/expr/emit-js.ts).
 * It ships in every bot bundle, so it is written for size: no classes, no dependencies.
 * No helper throws: missing values read as null, bad numbers and dates give null.
 */

import { now } from './clock.ts';

type Any = any; // any: helpers take whatever a scenario's data holds (see the header), and never throw on it

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

/** Own property `k` of `o`, or null: data can never lead to a prototype. */
export const m = (o: Any, k: Any) => (o != null && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : null);
export { s, s as string, n as number };
/** The length of a text or a list, the number of an object's keys; 0 for nothing. */
export const len = (x: Any): number => (x == null ? 0 : typeof x == 'object' ? Object.keys(x).length : s(x).length);
/** The text in lower case. */
export const lower = (x: Any) => s(x).toLowerCase();
/** The text in upper case. */
export const upper = (x: Any) => s(x).toUpperCase();
/** The text without the spaces around it. */
export const trim = (x: Any) => s(x).trim();
/** Whether a list holds `b`, or a text contains it. */
export const contains = (a: Any, b: Any): boolean => (isArr(a) ? a.includes(b) : s(a).includes(s(b)));
/** Whether the text starts with `b`. */
export const startsWith = (a: Any, b: Any): boolean => s(a).startsWith(s(b));
/** Whether the text matches the regular expression `p` (with flags `f`). */
export const matches = (x: Any, p: string, f?: string): boolean => new RegExp(p, f).test(s(x));
// The page's clock (runtime/clock.ts): the only module in runtime/ that reads the time itself.
export { now };
/** A ms timestamp: numbers pass through, text is parsed; invalid → null. */
export const date = (x: Any): number | null => (
  (x = typeof x == 'number' ? x : Date.parse(s(x))),
  isFinite(x) ? x : null
);
// Marked pure, so a bundle that never calls them leaves them (and `n`) out: a call at the top level
// would otherwise be kept in case it had side effects.
/** `x` days in ms, or null when `x` is no number. */
export const days = /* @__PURE__ */ unit(864e5);
/** `x` hours in ms, or null when `x` is no number. */
export const hours = /* @__PURE__ */ unit(36e5);
/** `x` minutes in ms, or null when `x` is no number. */
export const minutes = /* @__PURE__ */ unit(6e4);

/**
 * The whole table. Bundles import only the helpers their compiled code calls (see
 * compiler/phases/4-emit/module-source.ts), so a bot pays for the functions it uses.
 */
export const $ = {
  m,
  s,
  len,
  lower,
  upper,
  trim,
  contains,
  startsWith,
  matches,
  number: n,
  string: s,
  now,
  date,
  days,
  hours,
  minutes,
};
