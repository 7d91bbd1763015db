/**
 * How long visitors have waited, computed in one place so the queue and the open task read the same at the
 * same moment: both take the handoff's own timestamps and the console's one `now`.
 */

/** The timestamps a wait is measured between; every handoff view has them. */
export interface Waited {
  createdAt: string;
  claimedAt: string | null;
  resolvedAt: string | null;
}

/** From the request to the claim, the close, or `now` while nobody has it yet; never negative. */
export function waitedMs(h: Waited, now: number): number {
  const until = h.claimedAt ?? h.resolvedAt;
  return Math.max(0, (until ? Date.parse(until) : now) - Date.parse(h.createdAt));
}

/** "12 s", "3 min", "1 h 5 min", "2 d": a duration readable at a glance (KPIs use it as is). */
export function duration(ms: number | null): string {
  if (ms == null) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** A wait as people say it: "just now" under a minute (seconds would tick distractingly), then "3 min", "1 h 5 min". */
export function formatWait(ms: number): string {
  return ms < 60_000 ? 'just now' : duration(ms);
}

/** "just now" or "3 min ago": when something happened, from the same `now`. */
export function ago(iso: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(iso));
  return ms < 60_000 ? 'just now' : `${duration(ms)} ago`;
}

/** How often the console re-reads the clock: a wait shown in minutes needs no faster tick. */
export const TICK_MS = 15_000;
