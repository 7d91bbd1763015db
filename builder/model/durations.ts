/**
 * Durations as an author edits them: a number and a unit ("0.6 seconds", "10 minutes"), while the
 * document keeps ISO 8601 (`PT0.6S`, `PT10M`). Reading goes through the compiler's own parser, so
 * the builder accepts exactly what the compiler does; a value that has no single number and unit
 * (months and years have no fixed length, `{expr}` is computed) is kept and shown as written.
 */
import { parseDuration } from '../../compiler/browser.ts';

/** The units a duration field offers. */
export type DurationUnit = 'ms' | 's' | 'min' | 'h' | 'd';

/** Milliseconds in one of each unit. */
export const UNIT_MS: Record<DurationUnit, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** The unit select's labels, largest first. */
export const UNIT_LABELS: Record<DurationUnit, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
};

/** A duration value as a field shows it: empty, an amount and a unit, an expression, or text it cannot show as an amount. */
export type ReadDuration =
  | { kind: 'empty' }
  | { kind: 'amount'; amount: number; unit: DurationUnit }
  /** `{ expr }`: computed when the node runs. */
  | { kind: 'expr'; expr: string }
  /** Text that is not one number and one unit: shown and edited as written. */
  | { kind: 'raw'; text: string; reason: string };

/** The unit an amount of milliseconds reads best in: the largest that divides it, else seconds with decimals. */
export function unitFor(ms: number): DurationUnit {
  if (ms === 0) return 's';
  for (const unit of ['d', 'h', 'min'] as const) if (ms % UNIT_MS[unit] === 0) return unit;
  return 's';
}

/** How a document value shows in a duration field. */
export function readDuration(value: unknown): ReadDuration {
  if (value === undefined || value === null || value === '') return { kind: 'empty' };
  if (typeof value === 'object' && typeof (value as { expr?: unknown }).expr === 'string')
    return { kind: 'expr', expr: (value as { expr: string }).expr };
  if (typeof value !== 'string') return { kind: 'raw', text: JSON.stringify(value), reason: 'This is not a duration.' };
  const ms = parseDuration(value);
  if (ms === null) return { kind: 'raw', text: value, reason: 'This is not an ISO 8601 duration (like PT30S or P1D).' };
  // Months and years count as 30 and 365 days when a timer runs, but that is not what the author wrote.
  if (/^P(?:[^T]*[YM])/.test(value))
    return { kind: 'raw', text: value, reason: 'Months and years have no fixed length, so this is shown as written.' };
  const unit = unitFor(ms);
  return { kind: 'amount', amount: ms / UNIT_MS[unit], unit };
}

/**
 * The ISO 8601 text of an amount in a unit, or undefined when the amount is not a usable duration
 * (negative, not a number, absurdly large). Milliseconds are written as decimal seconds.
 */
export function writeDuration(amount: number, unit: DurationUnit): string | undefined {
  if (!Number.isFinite(amount) || amount < 0 || amount * UNIT_MS[unit] > 1e13) return undefined;
  if (unit === 'ms') return `PT${decimal(amount / 1000)}S`;
  const n = decimal(amount);
  return unit === 'd' ? `P${n}D` : `PT${n}${unit === 'h' ? 'H' : unit === 'min' ? 'M' : 'S'}`;
}

/** A number without exponent notation and without float noise (six decimals at most). */
function decimal(n: number): string {
  return String(Number(n.toFixed(6)));
}
