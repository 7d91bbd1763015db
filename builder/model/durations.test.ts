import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../compiler/browser.ts';
import { readDuration, UNIT_MS, unitFor, writeDuration, type DurationUnit } from './durations.ts';

const UNITS: DurationUnit[] = ['ms', 's', 'min', 'h', 'd'];

describe('durations as a number and a unit', () => {
  it('shows the ISO values authors meet as a number and the unit they read best in', () => {
    expect(readDuration('PT0.6S')).toEqual({ kind: 'amount', amount: 0.6, unit: 's' });
    expect(readDuration('PT1M')).toEqual({ kind: 'amount', amount: 1, unit: 'min' });
    expect(readDuration('PT90S')).toEqual({ kind: 'amount', amount: 90, unit: 's' });
    expect(readDuration('PT10M')).toEqual({ kind: 'amount', amount: 10, unit: 'min' });
    expect(readDuration('P1D')).toEqual({ kind: 'amount', amount: 1, unit: 'd' });
    expect(readDuration('P1W')).toEqual({ kind: 'amount', amount: 7, unit: 'd' });
    expect(readDuration('PT36H')).toEqual({ kind: 'amount', amount: 36, unit: 'h' });
    expect(readDuration('PT1.5M')).toEqual({ kind: 'amount', amount: 90, unit: 's' });
    expect(readDuration('PT0S')).toEqual({ kind: 'amount', amount: 0, unit: 's' });
  });

  it('writes ISO 8601 that the compiler reads back as the same time', () => {
    expect(writeDuration(0.6, 's')).toBe('PT0.6S');
    expect(writeDuration(600, 'ms')).toBe('PT0.6S');
    expect(writeDuration(10, 'min')).toBe('PT10M');
    expect(writeDuration(2, 'h')).toBe('PT2H');
    expect(writeDuration(3, 'd')).toBe('P3D');
    expect(parseDuration(writeDuration(0.1 + 0.2, 's')!)).toBe(300);
  });

  it('refuses amounts that are not a usable duration instead of writing them', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) expect(writeDuration(bad, 'd')).toBeUndefined();
  });

  it('keeps what it cannot show as one number and unit, and says why', () => {
    expect(readDuration('P1M')).toMatchObject({ kind: 'raw', text: 'P1M' });
    expect(readDuration('P1Y2M')).toMatchObject({ kind: 'raw', text: 'P1Y2M' });
    expect(readDuration('soon')).toMatchObject({ kind: 'raw', text: 'soon' });
    expect(readDuration({ expr: 'vars.wait * 1000' })).toEqual({ kind: 'expr', expr: 'vars.wait * 1000' });
    expect(readDuration(undefined)).toEqual({ kind: 'empty' });
    expect(readDuration('')).toEqual({ kind: 'empty' });
  });

  it('round-trips any whole number of milliseconds: read, then written, is the same time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => {
        const unit = unitFor(ms);
        const iso = writeDuration(ms / UNIT_MS[unit], unit)!;
        expect(parseDuration(iso)).toBe(ms);
        const read = readDuration(iso);
        expect(read.kind === 'amount' && Math.round(read.amount * UNIT_MS[read.unit])).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips what an author types: an amount in any unit is written and read back as that time', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 100_000 }),
      fc.integer({ min: 0, max: 100_000 }).map((n) => n / 10),
      fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000),
    );
    fc.assert(
      fc.property(amount, fc.constantFrom(...UNITS), (n, unit) => {
        const iso = writeDuration(n, unit)!;
        expect(iso).toMatch(/^PT?\d+(\.\d+)?[DHMS]$/);
        const ms = parseDuration(iso)!;
        // Milliseconds are whole: a typed fraction of one rounds to the nearest.
        expect(Math.abs(ms - n * UNIT_MS[unit])).toBeLessThanOrEqual(0.5 + 1e-6);
        const read = readDuration(iso);
        expect(read.kind).toBe('amount');
        if (read.kind === 'amount')
          expect(writeDuration(read.amount, read.unit) && parseDuration(writeDuration(read.amount, read.unit)!)).toBe(
            ms,
          );
      }),
      { numRuns: 2000 },
    );
  });
});
