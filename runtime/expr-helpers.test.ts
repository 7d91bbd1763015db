import { describe, expect, it } from 'vitest';
import { $ } from './expr-helpers.ts';

describe('expression helpers', () => {
  it('m reads own properties only, and null for anything missing', () => {
    expect($.m({ a: 1 }, 'a')).toBe(1);
    expect($.m({}, 'toString')).toBe(null);
    expect($.m({}, 'constructor')).toBe(null);
    expect($.m({}, '__proto__')).toBe(null);
    expect($.m(null, 'a')).toBe(null);
    expect($.m(undefined, 0)).toBe(null);
    expect($.m([10, 20], 1)).toBe(20);
    expect($.m('abc', 0)).toBe('a');
    expect($.m('abc', 'length')).toBe(3);
  });

  it('s shows null and undefined as empty text, lists joined by commas, objects as JSON', () => {
    expect($.s(null)).toBe('');
    expect($.s(undefined)).toBe('');
    expect($.s(0)).toBe('0');
    expect($.s(false)).toBe('false');
    expect($.s(['a', 1, null])).toBe('a, 1, ');
    expect($.s({ a: 1 })).toBe('{"a":1}');
  });

  it('s never throws, even on a value JSON cannot show', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect($.s(loop)).toBe('');
    expect($.s(10n)).toBe('10');
  });

  it('number gives null for empty, non-numeric and object values', () => {
    expect($.number('42')).toBe(42);
    expect($.number(' 4.5 ')).toBe(4.5);
    expect($.number(true)).toBe(1);
    expect($.number('')).toBe(null);
    expect($.number('  ')).toBe(null);
    expect($.number('abc')).toBe(null);
    expect($.number(null)).toBe(null);
    expect($.number([5])).toBe(null);
    expect($.number({})).toBe(null);
  });

  it('date passes timestamps through, parses text, and gives null for invalid input', () => {
    expect($.date(1000)).toBe(1000);
    expect($.date('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect($.date('nope')).toBe(null);
    expect($.date(null)).toBe(null);
    expect($.date(NaN)).toBe(null);
  });

  it('days, hours and minutes turn counts into milliseconds, and non-numbers into null', () => {
    expect($.days(2)).toBe(172_800_000);
    expect($.hours('1.5')).toBe(5_400_000);
    expect($.minutes(0)).toBe(0);
    expect($.days('x')).toBe(null);
  });

  it('len counts characters, list items and object fields', () => {
    expect($.len('héllo')).toBe(5);
    expect($.len([1, 2, 3])).toBe(3);
    expect($.len({ a: 1, b: 2 })).toBe(2);
    expect($.len(null)).toBe(0);
    expect($.len(123)).toBe(3);
  });

  it('contains looks for an item in a list and for text in text', () => {
    expect($.contains(['a', 'b'], 'b')).toBe(true);
    expect($.contains(['a', 'b'], 'ab')).toBe(false);
    expect($.contains('hello', 'ell')).toBe(true);
    expect($.contains(null, 'x')).toBe(false);
  });

  it('matches tests text against a pattern with optional flags', () => {
    expect($.matches('AB-12', '^[A-Z]{2}-\\d+$')).toBe(true);
    expect($.matches('ab', '^AB$', 'i')).toBe(true);
    expect($.matches(null, '^$')).toBe(true);
  });
});
