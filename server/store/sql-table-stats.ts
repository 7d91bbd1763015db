import type { SqlClient } from './sql.ts';

/**
 * Keeps the planner's statistics of one table fresh where nothing else does: PGlite has no autovacuum, so a table
 * filled after the store opened is never analysed, and the planner, guessing it small, reads every row of a bot
 * and sorts them for each keyset page instead of walking the index (a 100,000-result export paid ~0.7 s a page).
 * Before a read that depends on the plan, `fresh()` runs `ANALYZE` when the table changed a lot or the last one is
 * old; reads meanwhile wait for that one. PostgreSQL's autovacuum does this itself, so the store skips it there.
 */
export class TableStats {
  private changes = 0;
  private analysedAt = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: SqlClient,
    private readonly table: string,
    private readonly options: { enabled: boolean; everyChanges?: number; maxAgeMs?: number },
  ) {}

  /** Counts rows written or deleted since the last `ANALYZE`. */
  changed(rows: number): void {
    this.changes += rows;
  }

  /** Resolves once the table's statistics are fresh enough for a read to be planned well. */
  async fresh(now = Date.now()): Promise<void> {
    if (!this.options.enabled) return;
    if (this.running) return this.running;
    const stale =
      this.changes >= (this.options.everyChanges ?? 5_000) ||
      now - this.analysedAt > (this.options.maxAgeMs ?? 600_000);
    if (!stale) return;
    this.running = (async () => {
      this.changes = 0;
      this.analysedAt = now;
      await this.db.query(`ANALYZE ${this.table}`);
    })().finally(() => (this.running = null));
    await this.running;
  }
}
