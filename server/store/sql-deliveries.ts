import type { SqlClient } from './sql.ts';
import { toDelivery, type Row } from './sql-visitor-rows.ts';
import type { Delivery, NewDelivery } from './types.ts';

/**
 * Numbers and inserts deliveries. Each visitor's inbox row is bumped by how many it gets, in a fixed key
 * order so concurrent batches lock rows in the same order and cannot deadlock.
 */
export async function insertDeliveries(tx: SqlClient, items: NewDelivery[]): Promise<Delivery[]> {
  if (items.length === 0) return [];
  const groups = new Map<string, { botId: string; visitorId: string; items: NewDelivery[] }>();
  for (const item of items) {
    const key = `${item.botId}\n${item.visitorId}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { botId: item.botId, visitorId: item.visitorId, items: [] }));
    group.items.push(item);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  const bumped = await tx.query<Row>(
    `INSERT INTO visitor_inboxes AS i (bot_id, visitor_id, last_seq)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
     ON CONFLICT (bot_id, visitor_id) DO UPDATE SET last_seq = i.last_seq + EXCLUDED.last_seq
     RETURNING bot_id, visitor_id, last_seq`,
    [ordered.map((g) => g.botId), ordered.map((g) => g.visitorId), ordered.map((g) => g.items.length)],
  );
  const last = new Map(bumped.rows.map((r) => [`${r.bot_id}\n${r.visitor_id}`, Number(r.last_seq)]));
  const cols = {
    b: [] as string[],
    v: [] as string[],
    s: [] as number[],
    k: [] as string[],
    r: [] as string[],
    e: [] as string[],
    d: [] as (string | null)[],
  };
  for (const g of ordered) {
    let seq = last.get(`${g.botId}\n${g.visitorId}`)! - g.items.length;
    for (const item of g.items) {
      cols.b.push(item.botId);
      cols.v.push(item.visitorId);
      cols.s.push(++seq);
      cols.k.push(item.kind);
      cols.r.push(item.ref);
      cols.e.push(JSON.stringify(item.event));
      cols.d.push(item.dueAt ? item.dueAt.toISOString() : null);
    }
  }
  const { rows } = await tx.query<Row>(
    `INSERT INTO deliveries (bot_id, visitor_id, seq, kind, ref, event, due_at)
     SELECT b, v, s, k, r, e::jsonb, d::timestamptz
     FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(b, v, s, k, r, e, d)
     RETURNING *`,
    [cols.b, cols.v, cols.s, cols.k, cols.r, cols.e, cols.d],
  );
  return rows.map(toDelivery).sort((a, b) => a.id - b.id);
}
