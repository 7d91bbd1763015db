import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir } from '../test/temp-data-dir.ts';
import { openPgliteStore } from './pglite-store.ts';
import type { Store } from './types.ts';

/**
 * PGlite has no autovacuum: without the results store's own ANALYZE, a results table filled after the store opened
 * has no statistics, and a keyset page reads and sorts every row of the bot instead of walking the index.
 */
describe('results statistics on the embedded store', () => {
  let store: Store;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    const data = await makeDataDir();
    remove = data.remove;
    store = await openPgliteStore(data.dir);
    await store.ensureOrg({ id: 'o_stats', name: 'Stats' });
    for (const id of ['b_busy', 'b_quiet'])
      await store.createBot({ id, orgId: 'o_stats', name: id, scenario: {}, diagnostics: [] });
    await store.driver.executeSql(
      `INSERT INTO results (id, org_id, bot_id, visitor_id, seq, scenario, started_at, updated_at, completed, handoff,
         path, variables)
       SELECT 'r' || g, 'o_stats', CASE WHEN g % 20 = 0 THEN 'b_quiet' ELSE 'b_busy' END, 'v' || g, 0, 'h',
         now() - g * interval '1 second', now(), false, false, ARRAY['a'], '{}'
       FROM generate_series(1, 20000) g`,
    );
  });

  afterAll(async () => {
    await store?.close();
    await remove?.();
  });

  it('analyses the table before the first page is read, so later pages walk the index', async () => {
    const page = await store.listResults('b_busy', {}, { limit: 250 });
    expect(page.results).toHaveLength(250);
    const { rows } = await store.driver.executeSql(`SELECT reltuples FROM pg_class WHERE relname = 'results'`);
    expect(Number(rows[0].reltuples)).toBeGreaterThan(15_000);
    const last = page.results.at(-1)!;
    const plan = await store.driver.executeSql(
      `EXPLAIN SELECT * FROM results WHERE bot_id = $1 AND (started_at, id) < ($2::timestamptz, $3)
       ORDER BY started_at DESC, id DESC LIMIT 251`,
      ['b_busy', last.startedAt.toISOString(), last.id],
    );
    const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toContain('results_bot_started_idx');
    expect(text).not.toMatch(/Sort|Bitmap/);
  });
});
