import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accept } from './input.ts';

/** `accept` gets the lowered node: `k` the input type, `lo`/`hi` the bounds, `x` a pattern. */
describe('input validation in the browser', () => {
  it('accepts a real calendar date and refuses one that does not exist', () => {
    expect(accept({ k: 'date' }, '2026-02-28')).toBe('2026-02-28');
    expect(accept({ k: 'date' }, '2028-02-29')).toBe('2028-02-29');
    for (const bad of [
      '2026-02-29',
      '2026-02-31',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '5 May 2026',
      'tomorrow',
    ]) {
      expect(accept({ k: 'date' }, bad), bad).toBeUndefined();
    }
  });

  it('agrees with the calendar for any day number in any month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
          expect(accept({ k: 'date' }, text)).toBe(d <= daysInMonth ? text : undefined);
        },
      ),
    );
  });

  it('reads numbers with a comma or a point and keeps them within the bounds', () => {
    expect(accept({ k: 'number', lo: 1, hi: 500 }, ' 12,5 ')).toBe(12.5);
    expect(accept({ k: 'number', lo: 1, hi: 500 }, '500')).toBe(500);
    expect(accept({ k: 'number', lo: 1, hi: 500 }, '501')).toBeUndefined();
    expect(accept({ k: 'number', lo: 1, hi: 500 }, '0')).toBeUndefined();
    expect(accept({ k: 'number' }, 'twelve')).toBeUndefined();
    expect(accept({ k: 'number' }, 'Infinity')).toBeUndefined();
  });

  it('checks emails, phones and links by their shape', () => {
    expect(accept({ k: 'email' }, 'dana@example.com')).toBe('dana@example.com');
    expect(accept({ k: 'email' }, 'dana at example.com')).toBeUndefined();
    expect(accept({ k: 'email' }, 'dana@example')).toBeUndefined();
    expect(accept({ k: 'phone' }, '+380 (44) 123-45-67')).toBe('+380 (44) 123-45-67');
    expect(accept({ k: 'phone' }, '12-34')).toBeUndefined();
    expect(accept({ k: 'phone' }, '((((()))))')).toBeUndefined();
    expect(accept({ k: 'url' }, 'https://acme.example/pricing')).toBe('https://acme.example/pricing');
    expect(accept({ k: 'url' }, 'javascript:alert(1)')).toBeUndefined();
    expect(accept({ k: 'url' }, 'acme.example')).toBeUndefined();
  });

  it('matches a pattern against the whole answer, and limits text by its length', () => {
    expect(accept({ k: 'regex', x: '[A-Z]{2}\\d{4}' }, 'AB1234')).toBe('AB1234');
    expect(accept({ k: 'regex', x: '[A-Z]{2}\\d{4}' }, 'xAB1234')).toBeUndefined();
    expect(accept({ k: 'regex', x: 'a|b' }, 'ab')).toBeUndefined();
    expect(accept({ k: 'text', lo: 2, hi: 5 }, 'Ann')).toBe('Ann');
    expect(accept({ k: 'text', lo: 2, hi: 5 }, 'A')).toBeUndefined();
    expect(accept({ k: 'text', lo: 2, hi: 5 }, 'Annabel')).toBeUndefined();
  });

  it('never accepts an empty or blank answer', () => {
    for (const k of ['text', 'number', 'email', 'phone', 'url', 'date'] as const)
      expect(accept({ k }, '   '), k).toBeUndefined();
  });
});
