import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT5S', 5_000],
    ['PT0.6S', 600],
    ['PT0,5S', 500],
    ['PT10M', 600_000],
    ['PT1H30M', 5_400_000],
    ['P5D', 5 * 86_400_000],
    ['P1W', 7 * 86_400_000],
    ['P1DT12H', 36 * 3_600_000],
    ['PT0S', 0],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('a month counts as 30 days and a year as 365 days', () => {
    expect(parseDuration('P3M')).toBe(90 * 86_400_000);
    expect(parseDuration('P1Y')).toBe(365 * 86_400_000);
  });

  it('M before T means months and after T means minutes', () => {
    expect(parseDuration('P1M')).toBe(30 * 86_400_000);
    expect(parseDuration('PT1M')).toBe(60_000);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    '5S',
    'PT5',
    'T5S',
    '-PT5S',
    'PT-5S',
    'PT5S ',
    ' PT5S',
    'xPT5S',
    'PT5Sx',
    'P1S',
    'PT1D',
    'P1H',
    'PT1.S',
    'PT.5S',
    'five seconds',
  ])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('a value that is not text is not a duration', () => {
    expect(parseDuration(5 as unknown as string)).toBeNull();
  });
});
