import type { Analytics } from '../../rest/index.ts';
import {
  BadResultCursor,
  type ResultFilter,
  type ResultsStore,
  type ResultWrite,
  type ResultWriteOutcome,
  type StoredResult,
} from './result-types.ts';
import type { SqlDatabase } from './sql.ts';
import { TableStats } from './sql-table-stats.ts';
import { WriteBatcher } from './write-batcher.ts';
import type { TxSql } from './timer-types.ts';

type Row = Record<string, any>;

/**
 * The results facet over SQL; both drivers run exactly these statements. Counting is done by the database
 * (analytics aggregate in SQL), and listing pages by keyset (started_at, id), never by offset.
 */
export class SqlResultStore implements ResultsStore {
  private readonly stats: TableStats;
  /** Reports that arrive while the database is busy are written together (group commit). */
  private readonly writes = new WriteBatcher<{ r: ResultWrite; now: Date }, ResultWriteOutcome>({
    writeMany: (batch) => this.putResults(batch),
    key: ({ r }) => r.id,
    maxBatch: 200,
    maxInFlight: 1,
  });

  /** `analyze`: keep the table's statistics fresh from here (PGlite, which has no autovacuum). */
  constructor(
    private readonly db: SqlDatabase,
    options: { analyze?: boolean } = {},
  ) {
    this.stats = new TableStats(db, 'results', { enabled: options.analyze ?? false });
  }

  putResult(r: ResultWrite, now: Date): Promise<ResultWriteOutcome> {
    return this.writes.write({ r, now });
  }

  /**
   * Stores reports in one statement. The upsert locks each row, so `was_completed` is read from the row as it is when
   * its write lands (not from this statement's snapshot), and only the write that completes a result sees it false
   * and queues its webhook. A row of another bot or visitor, or with this seq or a newer one, is left as it is. The
   * batch's ids are distinct (a statement may not touch a row twice): the batcher sees to it.
   */
  private async putResults(batch: { r: ResultWrite; now: Date }[]): Promise<ResultWriteOutcome[]> {
    const input = batch.map(({ r, now }) => ({
      id: r.id,
      org_id: r.orgId,
      bot_id: r.botId,
      visitor_id: r.visitorId,
      seq: r.seq,
      scenario: r.scenario,
      version: r.version,
      started_at: r.startedAt.toISOString(),
      updated_at: now.toISOString(),
      completed: r.completed,
      handoff: r.handoff,
      path: r.path,
      last_node_id: r.path.at(-1) ?? null,
      variables: r.variables,
    }));
    const { rows } = await this.db.query<Row>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, org_id text, bot_id text, visitor_id text,
           seq integer, scenario text, version integer, started_at timestamptz, updated_at timestamptz,
           completed boolean, handoff boolean, path jsonb, last_node_id text, variables jsonb)
       ), up AS (
         INSERT INTO results AS r (id, org_id, bot_id, visitor_id, seq, scenario, version, started_at, updated_at,
           completed_at, completed, handoff, path, last_node_id, variables)
         SELECT id, org_id, bot_id, visitor_id, seq, scenario, version, started_at, updated_at,
           CASE WHEN completed THEN updated_at END, completed, handoff,
           ARRAY(SELECT e FROM jsonb_array_elements_text(input.path) WITH ORDINALITY AS p(e, n) ORDER BY n), last_node_id, variables
         FROM input
         ON CONFLICT (id) DO UPDATE SET
           seq = EXCLUDED.seq, scenario = EXCLUDED.scenario, version = EXCLUDED.version,
           updated_at = EXCLUDED.updated_at, completed_at = coalesce(r.completed_at, EXCLUDED.completed_at),
           completed = r.completed OR EXCLUDED.completed, handoff = r.handoff OR EXCLUDED.handoff,
           path = EXCLUDED.path, last_node_id = EXCLUDED.last_node_id, variables = EXCLUDED.variables,
           was_completed = r.completed_at IS NOT NULL
         WHERE r.bot_id = EXCLUDED.bot_id AND r.visitor_id = EXCLUDED.visitor_id AND r.seq < EXCLUDED.seq
         RETURNING r.id, r.bot_id, r.completed_at IS NOT NULL AND NOT r.was_completed AS completed_now
       ), outbox AS (
         INSERT INTO result_webhook_outbox (result_id, bot_id)
         SELECT up.id, up.bot_id FROM up JOIN bots b ON b.id = up.bot_id
         WHERE up.completed_now AND b.webhook_url IS NOT NULL
         ON CONFLICT (result_id) DO NOTHING
       )
       SELECT id, completed_now FROM up`,
      [JSON.stringify(input)],
    );
    this.stats.changed(rows.length);
    const stored = new Map(rows.map((row) => [row.id as string, row.completed_now === true]));
    return batch.map(({ r }) => ({ stored: stored.has(r.id), completedNow: stored.get(r.id) === true }));
  }

  async listResults(
    botId: string,
    filter: ResultFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ results: StoredResult[]; next: string | null }> {
    await this.stats.fresh();
    const where = whereOf(botId, filter);
    if (page.cursor !== undefined) {
      const after = decodeCursor(page.cursor);
      where.params.push(after.startedAt.toISOString(), after.id);
      const n = where.params.length;
      where.clauses.push(`(started_at, id) < ($${n - 1}::timestamptz, $${n})`);
    }
    where.params.push(page.limit + 1);
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM results WHERE ${where.clauses.join(' AND ')}
       ORDER BY started_at DESC, id DESC LIMIT $${where.params.length}`,
      where.params,
    );
    const results = rows.slice(0, page.limit).map(toResult);
    const last = results.at(-1);
    return { results, next: rows.length > page.limit && last ? encodeCursor(last) : null };
  }

  async *streamResults(botId: string, filter: ResultFilter, batchSize = 1_000): AsyncIterable<StoredResult> {
    let cursor: string | undefined;
    // The first batch is small, so the first rows (a CSV's first bytes) go out at once; then full batches.
    let limit = Math.min(batchSize, 50);
    do {
      const page = await this.listResults(botId, filter, { limit, cursor });
      limit = batchSize;
      yield* page.results;
      cursor = page.next ?? undefined;
    } while (cursor);
  }

  async resultAnalytics(
    botId: string,
    filter: ResultFilter,
    splits: { id: string; next: string[] }[],
  ): Promise<Analytics> {
    await this.stats.fresh();
    const w = whereOf(botId, filter);
    const n = w.params.length + 1;
    // One scan of the bot's results, grouped by path first: conversations follow few distinct paths, so nodes,
    // totals and split branches are then counted over those groups (the CTE is computed once for all three).
    // Paths are stored deduplicated with the last node last, so a conversation counts once per node it reached
    // and has dropped at its path's last element. A branch was taken when its node comes right after the split.
    const { rows } = await this.db.query<Row>(
      `WITH p AS (
         SELECT path, completed, count(*)::int AS n FROM results WHERE ${w.clauses.join(' AND ')} GROUP BY path, completed
       )
       SELECT 'total' AS kind, NULL AS id, NULL AS next,
         coalesce(sum(n), 0)::int AS a, coalesce(sum(n) FILTER (WHERE completed), 0)::int AS b
       FROM p
       UNION ALL
       SELECT 'node', x.id, NULL, sum(p.n)::int,
         coalesce(sum(p.n) FILTER (WHERE NOT p.completed AND p.path[cardinality(p.path)] = x.id), 0)::int
       FROM p CROSS JOIN LATERAL unnest(p.path) AS x(id) GROUP BY x.id
       UNION ALL
       SELECT 'split', s.id, p.path[array_position(p.path, s.id) + 1], sum(p.n)::int,
         coalesce(sum(p.n) FILTER (WHERE p.completed), 0)::int
       FROM p CROSS JOIN LATERAL unnest($${n}::text[]) AS s(id) WHERE s.id = ANY(p.path) GROUP BY 2, 3`,
      [...w.params, splits.map((s) => s.id)],
    );
    const totals = rows.find((r) => r.kind === 'total') ?? { a: 0, b: 0 };
    const nodes = rows
      .filter((r) => r.kind === 'node')
      .map((r) => ({ id: r.id as string, reached: r.a as number, dropped: r.b as number }))
      .sort((x, y) => y.reached - x.reached || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const flows = new Map<string, Map<string, { starts: number; completions: number }>>();
    for (const row of rows.filter((r) => r.kind === 'split' && r.next !== null)) {
      const bySplit = flows.get(row.id) ?? new Map();
      flows.set(row.id, bySplit);
      bySplit.set(row.next, { starts: row.a, completions: row.b });
    }
    return {
      starts: totals.a,
      completions: totals.b,
      nodes,
      splits: splits.map((s) => ({
        id: s.id,
        branches: s.next.map((next, index) => ({
          index,
          next,
          ...(flows.get(s.id)?.get(next) ?? { starts: 0, completions: 0 }),
        })),
      })),
    };
  }

  async deleteResult(botId: string, resultId: string): Promise<boolean> {
    const { affected } = await this.db.query('DELETE FROM results WHERE bot_id = $1 AND id = $2', [botId, resultId]);
    this.stats.changed(affected);
    return affected > 0;
  }

  async deleteVisitorResults(botId: string, visitorId: string): Promise<number> {
    const { affected } = await this.db.query('DELETE FROM results WHERE bot_id = $1 AND visitor_id = $2', [
      botId,
      visitorId,
    ]);
    this.stats.changed(affected);
    return affected;
  }

  async deleteResultsBefore(botId: string, before: Date): Promise<number> {
    const { affected } = await this.db.query('DELETE FROM results WHERE bot_id = $1 AND updated_at < $2', [
      botId,
      before.toISOString(),
    ]);
    this.stats.changed(affected);
    return affected;
  }

  async getResult(botId: string, resultId: string): Promise<StoredResult | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM results WHERE bot_id = $1 AND id = $2', [botId, resultId]);
    return rows[0] ? toResult(rows[0]) : null;
  }

  async resultRetention(): Promise<{ botId: string; retentionDays: number | null }[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT b.id, v.scenario->'settings'->'results'->>'retentionDays' AS days
       FROM bots b LEFT JOIN versions v ON v.bot_id = b.id AND v.version = coalesce(b.published_version, b.last_version)
       WHERE EXISTS (SELECT 1 FROM results r WHERE r.bot_id = b.id)`,
    );
    return rows.map((r) => {
      const days = Number(r.days);
      // A published scenario passed the compiler (1..3650); anything else counts as not set.
      return { botId: r.id, retentionDays: Number.isInteger(days) && days >= 1 && days <= 3650 ? days : null };
    });
  }

  takeResultWebhooks(
    limit: number,
    within: (taken: { resultId: string; botId: string }[], tx: TxSql) => Promise<void>,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `DELETE FROM result_webhook_outbox WHERE result_id IN (
           SELECT result_id FROM result_webhook_outbox ORDER BY result_id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING result_id, bot_id`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await within(
        rows.map((r) => ({ resultId: r.result_id, botId: r.bot_id })),
        { executeSql: (text, values) => tx.query(text, values) },
      );
      return rows.length;
    });
  }

  async resultForWebhook(botId: string, resultId: string): Promise<{ result: StoredResult; sent: boolean } | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM results WHERE bot_id = $1 AND id = $2', [botId, resultId]);
    return rows[0] ? { result: toResult(rows[0]), sent: rows[0].webhook_sent_at !== null } : null;
  }

  async markResultWebhookSent(botId: string, resultId: string, at: Date): Promise<void> {
    await this.db.query(
      'UPDATE results SET webhook_sent_at = $3 WHERE bot_id = $1 AND id = $2 AND webhook_sent_at IS NULL',
      [botId, resultId, at.toISOString()],
    );
  }
}

/** The WHERE clauses (joined with AND) and their parameters for a bot's results under a filter. */
function whereOf(botId: string, f: ResultFilter): { clauses: string[]; params: unknown[] } {
  const clauses = ['bot_id = $1'];
  const params: unknown[] = [botId];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(params.length));
  };
  if (f.since) add((n) => `started_at >= $${n}::timestamptz`, f.since.toISOString());
  if (f.until) add((n) => `started_at < $${n}::timestamptz`, f.until.toISOString());
  if (f.completed !== undefined) add((n) => `completed = $${n}::boolean`, f.completed);
  if (f.visitorId !== undefined) add((n) => `visitor_id = $${n}`, f.visitorId);
  if (f.version !== undefined) add((n) => `version = $${n}::int`, f.version);
  return { clauses, params };
}

/** The next page's cursor: where the last result of this page sorts, opaque to clients. */
function encodeCursor(r: StoredResult): string {
  return Buffer.from(`${r.startedAt.getTime()}.${r.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const match = /^(-?\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new BadResultCursor();
  return { startedAt: new Date(Number(match[1])), id: match[2] };
}

function toResult(r: Row): StoredResult {
  return {
    id: r.id,
    orgId: r.org_id,
    botId: r.bot_id,
    visitorId: r.visitor_id,
    seq: Number(r.seq),
    scenario: r.scenario,
    version: r.version === null ? null : Number(r.version),
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at ?? null,
    completed: r.completed,
    handoff: r.handoff,
    path: r.path,
    lastNodeId: r.last_node_id ?? null,
    variables: r.variables,
  };
}
