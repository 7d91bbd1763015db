import { describe, expect, it } from 'vitest';
import { ago, duration, formatWait, waitedMs } from './waiting-time.ts';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

describe('waiting time in the manager console', () => {
  it('says "just now" under a minute, then minutes, then hours and minutes, then days', () => {
    expect(formatWait(0)).toBe('just now');
    expect(formatWait(59_499)).toBe('just now');
    expect(formatWait(MIN)).toBe('1 min');
    expect(formatWait(3 * MIN + 20_000)).toBe('3 min');
    expect(formatWait(59 * MIN + 59_000)).toBe('59 min');
    expect(formatWait(60 * MIN)).toBe('1 h');
    expect(formatWait(65 * MIN)).toBe('1 h 5 min');
    expect(formatWait(47 * 60 * MIN + 59 * MIN)).toBe('47 h 59 min');
    expect(formatWait(3 * 24 * 60 * MIN)).toBe('3 d');
  });

  it('keeps seconds for KPI medians and a dash when there is none', () => {
    expect(duration(12_400)).toBe('12 s');
    expect(duration(null)).toBe('—');
  });

  it('counts a waiting handoff up to now, and a claimed or closed one up to when that happened', () => {
    const createdAt = '2026-12-07T10:00:00.000Z';
    expect(waitedMs({ createdAt, claimedAt: null, resolvedAt: null }, at('2026-12-07T10:03:30Z'))).toBe(3.5 * MIN);
    expect(
      waitedMs({ createdAt, claimedAt: '2026-12-07T10:02:00.000Z', resolvedAt: null }, at('2026-12-07T11:00:00Z')),
    ).toBe(2 * MIN);
    expect(
      waitedMs({ createdAt, claimedAt: null, resolvedAt: '2026-12-07T10:10:00.000Z' }, at('2026-12-07T12:00:00Z')),
    ).toBe(10 * MIN);
  });

  it('never shows a negative wait when the browser clock is a little behind the server', () => {
    expect(
      waitedMs(
        { createdAt: '2026-12-07T10:00:05.000Z', claimedAt: null, resolvedAt: null },
        at('2026-12-07T10:00:00Z'),
      ),
    ).toBe(0);
  });

  it('says when something happened relative to the same clock', () => {
    const now = at('2026-12-07T10:05:00Z');
    expect(ago('2026-12-07T10:04:30.000Z', now)).toBe('just now');
    expect(ago('2026-12-07T10:02:00.000Z', now)).toBe('3 min ago');
  });
});
