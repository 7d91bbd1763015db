import type { SqlDatabase } from './sql.ts';
import { orgEvent } from './sql-handoff-events.ts';
import { entryAt, toHandoff, type Row } from './sql-visitor-rows.ts';
import type { HandoffEvent } from './types.ts';

const OPEN = `status IN ('waiting', 'active')`;

/**
 * The visitor's stream opened at `at`: their open handoffs record when (so an instance that saw the stream
 * close earlier does not mark them left), and the ones marked left are unmarked, each with a `visitor_back` event.
 */
export function visitorArrived(db: SqlDatabase, botId: string, visitorId: string, at: Date): Promise<HandoffEvent[]> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(
      `UPDATE handoffs h SET visitor_seen_at = greatest(h.visitor_seen_at, $3), visitor_left_at = NULL
       FROM (SELECT id, visitor_left_at AS was_left FROM handoffs WHERE bot_id = $1 AND visitor_id = $2 AND ${OPEN} FOR UPDATE) o
       WHERE h.id = o.id RETURNING h.*, o.was_left`,
      [botId, visitorId, at],
    );
    const events: HandoffEvent[] = [];
    for (const row of rows.filter((r) => r.was_left !== null)) {
      const handoff = toHandoff(row);
      events.push(await orgEvent(tx, handoff, 'visitor_back', { handoff: entryAt(handoff, at) }));
    }
    return events;
  });
}

/**
 * The visitor's stream closed at `closedAt` and nobody saw it open again: their open handoffs are marked
 * left at that time, each with a `visitor_left` event. A stream opened since on any instance (a later
 * `visitor_seen_at`) keeps a handoff unmarked.
 */
export function visitorLeft(
  db: SqlDatabase,
  botId: string,
  visitorId: string,
  closedAt: Date,
): Promise<HandoffEvent[]> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(
      `UPDATE handoffs SET visitor_left_at = $3
       WHERE bot_id = $1 AND visitor_id = $2 AND ${OPEN} AND visitor_left_at IS NULL
         AND (visitor_seen_at IS NULL OR visitor_seen_at <= $3)
       RETURNING *`,
      [botId, visitorId, closedAt],
    );
    const events: HandoffEvent[] = [];
    for (const row of rows) {
      const handoff = toHandoff(row);
      events.push(await orgEvent(tx, handoff, 'visitor_left', { handoff: entryAt(handoff, closedAt) }));
    }
    return events;
  });
}
