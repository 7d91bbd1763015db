import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drive, scenario } from './test/drive.ts';
import { arm } from './nodes/delay.ts';

const waiting = (duration: string) =>
  scenario([
    { id: 'd', type: 'delay', duration, text: 'Give me a moment…', next: 'after' },
    { id: 'after', type: 'end', text: 'Back!' },
  ]);

describe('durable timers', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('fires a delay at its due time, not before', () => {
    const b = drive(waiting('PT30S'));
    vi.advanceTimersByTime(29_999);
    expect(b.lines()).toEqual(['b: Give me a moment…']);
    vi.advanceTimersByTime(1);
    expect(b.lines()).toEqual(['b: Give me a moment…', 'b: Back!']);
  });

  it('keeps the original due time when the conversation is restored mid-delay', () => {
    const a = drive(waiting('PT30S'));
    vi.advanceTimersByTime(20_000);
    const saved = a.persisted();
    a.actor.stop();
    const b = drive(waiting('PT30S'), { snapshot: saved });
    vi.advanceTimersByTime(9_999);
    expect(b.status()).toBe('active');
    vi.advanceTimersByTime(1);
    expect(b.lines().at(-1)).toBe('b: Back!');
  });

  it('fires at once when restored after the due time has passed', () => {
    const a = drive(waiting('PT30S'));
    const saved = a.persisted();
    a.actor.stop();
    vi.setSystemTime(Date.now() + 3_600_000);
    const b = drive(waiting('PT30S'), { snapshot: saved });
    vi.advanceTimersByTime(0);
    expect(b.lines().at(-1)).toBe('b: Back!');
  });

  it('waits 40 days without setTimeout overflowing into an immediate fire', () => {
    const b = drive(waiting('P40D'));
    vi.advanceTimersByTime(39 * 864e5);
    expect(b.status()).toBe('active');
    vi.advanceTimersByTime(864e5);
    expect(b.lines().at(-1)).toBe('b: Back!');
  });

  it('arms a due time months away in steps below the setTimeout limit', () => {
    const fire = vi.fn();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    arm(() => Date.now(), Date.now() + 90 * 864e5, fire);
    expect(spy.mock.calls.every(([, ms]) => (ms ?? 0) <= 2 ** 31 - 1)).toBe(true);
    vi.advanceTimersByTime(90 * 864e5 - 1);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('takes the first page event a wait node listens for, with its data, or the timeout', () => {
    const doc = scenario(
      [
        {
          id: 'w',
          type: 'wait',
          events: [
            { event: 'paid', next: 'thanks' },
            { event: 'cancelled', next: 'sorry' },
          ],
          timeout: 'PT1H',
          onTimeout: 'late',
        },
        { id: 'thanks', type: 'end', text: 'Thanks for order {{order}}!' },
        { id: 'sorry', type: 'end', text: 'Sorry to see you go.' },
        { id: 'late', type: 'end', text: 'Still there?' },
      ],
      { variables: { order: '' } },
    );
    const paid = drive(doc);
    paid.event('paid', { order: 'A-17', __proto__: { polluted: true } });
    paid.event('cancelled');
    expect(paid.lines()).toEqual(['b: Thanks for order A-17!']);
    expect(({} as any).polluted).toBeUndefined();
    const late = drive(doc);
    vi.advanceTimersByTime(3_600_000);
    expect(late.lines()).toEqual(['b: Still there?']);
  });
});
