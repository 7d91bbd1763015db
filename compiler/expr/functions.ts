/**
 * The built-in functions of the expression language: name → [fewest, most] arguments.
 * Each one is implemented by the helper of the same name in runtime/expr-helpers.ts.
 */
export const FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  len: [1, 1],
  lower: [1, 1],
  upper: [1, 1],
  trim: [1, 1],
  contains: [2, 2],
  startsWith: [2, 2],
  matches: [2, 3],
  number: [1, 1],
  string: [1, 1],
  now: [0, 0],
  date: [1, 1],
  days: [1, 1],
  hours: [1, 1],
  minutes: [1, 1],
};

/** True when `name` is a built-in function (own key, so `constructor` is not one). */
export function isFunction(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name);
}
