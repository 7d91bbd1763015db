import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { undocumented, undocumentedIn } from './tsdoc/missing-tsdoc.ts';

/**
 * Every exported symbol of runtime/ and builder/ says in one TSDoc line what it is for: the line an
 * editor shows on hover, and the first thing a contributor reads of a module they did not write.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const names = (file: string, source: string) => undocumented(file, source).map((u) => `${u.line} ${u.name}`);

it('every export of runtime/ and builder/ has a TSDoc comment right above it', () => {
  const missing = undocumentedIn(ROOT, ['runtime', 'builder']).map((u) => `${u.file}:${u.line} ${u.name}`);
  expect(missing).toEqual([]);
});

describe('the TSDoc check', () => {
  it('names an exported function, const, class, interface, type or enum without a doc comment', () => {
    const src = [
      'export function f() {}',
      'export async function g() {}',
      'export const c = 1;',
      'export default class K {}',
      'export interface I {}',
      'export type T = 1;',
      'export enum E {}',
    ].join('\n');
    expect(names('x.ts', src)).toEqual(['1 f', '2 g', '3 c', '4 K', '5 I', '6 T', '7 E']);
  });

  it('takes only a /** block ending on the line right above, one line or many', () => {
    const src = [
      '/** One line. */',
      'export const a = 1;',
      '/**',
      ' * Several lines.',
      ' */',
      'export function b() {}',
      '// A line comment is no TSDoc.',
      'export const c = 1;',
      '/* Nor is a plain block. */',
      'export const d = 1;',
      '/** Too far away. */',
      '',
      'export const e = 1;',
    ].join('\n');
    expect(names('x.ts', src)).toEqual(['8 c', '10 d', '13 e']);
  });

  it('asks the declaration of a name exported apart from it, and not a re-export from another file', () => {
    const src = [
      'const wait = () => 1;',
      'export default wait;',
      '/** Documented. */',
      'const s = 1;',
      'const n = 2;',
      'export { s, n as number };',
      "export { x } from './x.ts';",
      "export type { Y } from './y.ts';",
    ].join('\n');
    expect(names('x.ts', src)).toEqual(['1 wait', '5 n']);
  });
});
