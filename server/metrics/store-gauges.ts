import { Gauge } from 'prom-client';
import type { Store } from '../store/types.ts';
import { registry } from './registry.ts';

let source: Store | null = null;

/** Counts read from the store at scrape time; a failed read leaves the gauge empty rather than failing the scrape. */
async function count(gauge: Gauge<string>, sql: string, label?: string): Promise<void> {
  gauge.reset();
  if (!source) return;
  try {
    const { rows } = await source.driver.executeSql(sql);
    for (const row of rows) {
      if (label) gauge.set({ [label]: String(row[label]) }, Number(row.n));
      else gauge.set(Number(row.n));
    }
  } catch {
    // A table of another part of the server may not exist yet (migrations still to come); report nothing.
  }
}

const bots: Gauge<string> = new Gauge({
  name: 'chatlet_bots',
  help: 'Bots by whether they are published',
  labelNames: ['published'] as const,
  registers: [registry],
  collect: (): Promise<void> =>
    count(
      bots,
      `SELECT (published_version IS NOT NULL)::text AS published, count(*)::int AS n FROM bots GROUP BY 1`,
      'published',
    ),
});

const sessions: Gauge<string> = new Gauge({
  name: 'chatlet_sessions_active',
  help: 'Login sessions that have not expired',
  registers: [registry],
  collect: (): Promise<void> => count(sessions, `SELECT count(*)::int AS n FROM sessions WHERE expires_at > now()`),
});

const handoffs: Gauge<string> = new Gauge({
  name: 'chatlet_handoffs',
  help: 'Handoffs by status (waiting, active, resolved, timeout)',
  labelNames: ['status'] as const,
  registers: [registry],
  collect: (): Promise<void> =>
    count(handoffs, `SELECT status, count(*)::int AS n FROM handoffs GROUP BY status`, 'status'),
});

/** Points the store gauges at this server's store (the last server started in a process wins; tests run several). */
export function collectStoreGauges(store: Store): void {
  source = store;
}
