import { parse as parseIso } from 'tinyduration';

/**
 * ISO 8601 durations as used by the scenario format (`PT5S`, `PT0.6S`, `P5D`, `P3M`).
 *
 * Calendar units have no fixed length, and a timer needs one: a month counts as 30 days and a
 * year as 365 days. tinyduration's own pattern is unanchored and accepts stray text, an empty
 * `T` and negative parts, so the shape is checked here first and tinyduration only reads numbers.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const num = String.raw`\d+(?:[.,]\d+)?`;
const SHAPE = new RegExp(
  `^P(?=\\d|T\\d)(?:${num}Y)?(?:${num}M)?(?:${num}W)?(?:${num}D)?(?:T(?=\\d)(?:${num}H)?(?:${num}M)?(?:${num}S)?)?$`,
);

/** Milliseconds in an ISO 8601 duration, or null when the text is not a valid non-negative duration. */
export function parseDuration(s: string): number | null {
  if (typeof s !== 'string' || !SHAPE.test(s)) return null;
  let d;
  try {
    d = parseIso(s);
  } catch {
    return null;
  }
  const ms =
    (d.years ?? 0) * 365 * DAY +
    (d.months ?? 0) * 30 * DAY +
    (d.weeks ?? 0) * 7 * DAY +
    (d.days ?? 0) * DAY +
    (d.hours ?? 0) * HOUR +
    (d.minutes ?? 0) * MINUTE +
    (d.seconds ?? 0) * SECOND;
  return Number.isFinite(ms) ? Math.round(ms) : null;
}
