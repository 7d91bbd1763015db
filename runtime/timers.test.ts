import { beforeEach, describe, expect, it, vi } from 'vitest';
import { drive, scenario } from './test/drive.ts';
import { simClock, type SimClock } from './test/sim-clock.ts';
import { arm } from './nodes/delay.ts';

const waiting = (duration: string) =>
  scenario([
    { id: 'd', type: 'delay', duration, text: 'Give me a moment…', next: 'after' },
    { id: 'after', type: 'end', text: 'Back!' },
  ]);

describe('durable timers', () => {
  let clock: SimClock;
  beforeEach(() => void (clock = simClock(Date.parse('2026-01-01T00:00:00Z'))));

  it('fires a delay at its due time, not before', () => {
    const b = drive(waiting('PT30S'), { clock });
    clock.advance(29_999);
    expect(b.lines()).toEqual(['b: Give me a moment…']);
    clock.advance(1);
    expect(b.lines()).toEqual(['b: Give me a moment…', 'b: Back!']);
  });

  it('waits a day in milliseconds of test time, on the simulated clock', () => {
    const started = performance.now();
    const b = drive(waiting('P1D'), { clock });
    expect(b.actor.getSnapshot().context.d).toEqual({ d: clock.now() + 864e5 });
    clock.advance(864e5 - 1);
    expect(b.status()).toBe('active');
    clock.advance(1);
    expect(b.lines().at(-1)).toBe('b: Back!');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps the original due time when the conversation is restored mid-delay', () => {
    const a = drive(waiting('PT30S'), { clock });
    clock.advance(20_000);
    const saved = a.persisted();
    a.actor.stop();
    expect(clock.pending()).toEqual([]);
    const b = drive(waiting('PT30S'), { clock, snapshot: saved });
    clock.advance(9_999);
    expect(b.status()).toBe('active');
    clock.advance(1);
    expect(b.lines().at(-1)).toBe('b: Back!');
  });

  it('fires at once when restored after the due time has passed', () => {
    const a = drive(waiting('PT30S'), { clock });
    const saved = a.persisted();
    a.actor.stop();
    clock.advance(3_600_000);
    const b = drive(waiting('PT30S'), { clock, snapshot: saved });
    expect(clock.pending()).toEqual([0]);
    clock.advance(0);
    expect(b.lines().at(-1)).toBe('b: Back!');
  });

  it('waits 40 days without setTimeout overflowing into an immediate fire', () => {
    // The simulated clock, like a browser, fires a timer over 2^31−1 ms at once: an unsplit wait would show here.
    const b = drive(waiting('P40D'), { clock });
    clock.advance(39 * 864e5);
    expect(b.status()).toBe('active');
    clock.advance(864e5 - 1);
    expect(b.status()).toBe('active');
    clock.advance(1);
    expect(b.lines().at(-1)).toBe('b: Back!');
  });

  it('arms a due time months away in steps below the setTimeout limit', () => {
    const fire = vi.fn();
    arm(clock, clock.now() + 90 * 864e5, fire);
    clock.advance(90 * 864e5 - 1);
    expect(fire).not.toHaveBeenCalled();
    clock.advance(1);
    expect(fire).toHaveBeenCalledTimes(1);
    // Every timer set on the way was below the limit: three steps of ~24.8 days, then the rest.
    expect(clock.delays.length).toBe(4);
    expect(clock.delays.every((ms) => ms <= 2 ** 31 - 1)).toBe(true);
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
    const paid = drive(doc, { clock });
    paid.event('paid', { order: 'A-17', __proto__: { polluted: true } });
    paid.event('cancelled');
    expect(paid.lines()).toEqual(['b: Thanks for order A-17!']);
    expect(({} as any).polluted).toBeUndefined();
    const late = drive(doc, { clock });
    clock.advance(3_600_000 - 1);
    expect(late.lines()).toEqual([]);
    clock.advance(1);
    expect(late.lines()).toEqual(['b: Still there?']);
  });
});
