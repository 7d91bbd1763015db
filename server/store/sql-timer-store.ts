import type { SqlDatabase } from './sql.ts';
import { insertDeliveries } from './sql-deliveries.ts';
import { toDelivery, type Row } from './sql-visitor-rows.ts';
import type { Delivery, DueTimer, NewDelivery, TimersStore, TxSql } from './timer-types.ts';

/** The visitor-timers facet over SQL: inboxes, due timers and the webhook outbox; both drivers run exactly these statements. */
export class SqlTimerStore implements TimersStore {
  constructor(private readonly db: SqlDatabase) {}

  appendDeliveries(items: NewDelivery[]): Promise<Delivery[]> {
    if (items.length === 0) return Promise.resolve([]);
    return this.db.transaction((tx) => insertDeliveries(tx, items));
  }

  fireDueTimers(claim: (tx: TxSql) => Promise<DueTimer[]>): Promise<Delivery[]> {
    return this.db.transaction(async (tx) => {
      const due = await claim({ executeSql: (text, values) => tx.query(text, values) });
      if (due.length === 0) return [];
      // One statement for delivery and outbox. Per visitor, the inbox row is bumped by the number of its timers in
      // this burst (rows in key order, so concurrent bursts lock alike) and the deliveries are numbered into that
      // range by due time. The timers travel as one jsonb parameter, however many there are.
      const { rows } = await tx.query<Row>(
        `WITH t AS (
           SELECT DISTINCT ON (x.b, x.v, x.r) x.b, x.v, x.r, x.d, x.e
           FROM jsonb_to_recordset($1::jsonb) AS x(b text, v text, r text, d bigint, e jsonb)
         ), fresh AS (
           -- A timer delivered before (its job sent again after it fired) is skipped by ON CONFLICT below, leaving an
           -- unused number; filtering here instead would make the planner scan all deliveries on every burst.
           SELECT * FROM t
         ), bump AS (
           INSERT INTO visitor_inboxes AS i (bot_id, visitor_id, last_seq)
           SELECT b, v, count(*) FROM fresh GROUP BY b, v ORDER BY b, v
           ON CONFLICT (bot_id, visitor_id) DO UPDATE SET last_seq = i.last_seq + EXCLUDED.last_seq
           RETURNING bot_id, visitor_id, last_seq
         ), numbered AS (
           SELECT f.*, bump.last_seq - count(*) OVER w + row_number() OVER (w ORDER BY f.d, f.r) AS seq
           FROM fresh f JOIN bump ON bump.bot_id = f.b AND bump.visitor_id = f.v
           WINDOW w AS (PARTITION BY f.b, f.v)
         ), ins AS (
           INSERT INTO deliveries (bot_id, visitor_id, seq, kind, ref, event, due_at)
           SELECT b, v, seq, 'timer', r, e, to_timestamp(d / 1000.0) FROM numbered
           ON CONFLICT (bot_id, visitor_id, ref) WHERE kind = 'timer' DO NOTHING
           RETURNING *
         ), outbox AS (
           -- Only bots with a webhook get outbox rows: a burst for bots without one writes nothing more.
           INSERT INTO webhook_outbox (delivery_id, bot_id)
           SELECT ins.id, ins.bot_id FROM ins JOIN bots b ON b.id = ins.bot_id WHERE b.webhook_url IS NOT NULL
         )
         SELECT * FROM ins ORDER BY id`,
        [JSON.stringify(due.map((d) => ({ b: d.botId, v: d.visitorId, r: d.timerId, d: d.dueAt, e: d.event })))],
      );
      return rows.map(toDelivery);
    });
  }

  async deliveryKeysBetween(from: number, to: number): Promise<{ botId: string; visitorId: string }[]> {
    const { rows } = await this.db.query<Row>(
      'SELECT DISTINCT bot_id, visitor_id FROM deliveries WHERE id BETWEEN $1 AND $2',
      [from, to],
    );
    return rows.map((r) => ({ botId: r.bot_id, visitorId: r.visitor_id }));
  }

  async timerDelivered(botId: string, visitorId: string, timerId: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `SELECT 1 FROM deliveries WHERE kind = 'timer' AND bot_id = $1 AND visitor_id = $2 AND ref = $3`,
      [botId, visitorId, timerId],
    );
    return rows.length > 0;
  }

  async webhookOutboxBots(limit: number): Promise<string[]> {
    const { rows } = await this.db.query<Row>(
      'SELECT bot_id FROM (SELECT DISTINCT bot_id FROM webhook_outbox) b LIMIT $1',
      [limit],
    );
    return rows.map((r) => r.bot_id);
  }

  takeWebhookOutbox(
    botIds: string[],
    limit: number,
    within: (taken: { deliveryId: number; botId: string }[], tx: TxSql) => Promise<void>,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `DELETE FROM webhook_outbox WHERE delivery_id IN (
           SELECT delivery_id FROM webhook_outbox WHERE bot_id = ANY($1::text[]) ORDER BY delivery_id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING delivery_id, bot_id`,
        [botIds, limit],
      );
      await within(
        rows.map((r) => ({ deliveryId: Number(r.delivery_id), botId: r.bot_id })),
        { executeSql: (text, values) => tx.query(text, values) },
      );
      return rows.length;
    });
  }

  async pendingDeliveries(botId: string, visitorId: string, after: number, limit: number): Promise<Delivery[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT d.* FROM deliveries d JOIN visitor_inboxes i ON i.bot_id = d.bot_id AND i.visitor_id = d.visitor_id
       WHERE d.bot_id = $1 AND d.visitor_id = $2 AND d.seq > greatest(i.acked_seq, $3) ORDER BY d.seq LIMIT $4`,
      [botId, visitorId, after, limit],
    );
    return rows.map(toDelivery);
  }

  async acknowledge(botId: string, visitorId: string, upTo: number): Promise<void> {
    await this.db.query(
      `UPDATE visitor_inboxes SET acked_seq = least(last_seq, greatest(acked_seq, $3))
       WHERE bot_id = $1 AND visitor_id = $2`,
      [botId, visitorId, upTo],
    );
  }

  async getDelivery(id: number): Promise<Delivery | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM deliveries WHERE id = $1', [id]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }
}
