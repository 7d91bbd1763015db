import type { SqlClient } from './sql.ts';
import { toEvent, type Row } from './sql-visitor-rows.ts';
import type { Handoff, HandoffEvent, HandoffEventType } from './types.ts';

/** Appends an event to the handoff's org stream, numbered under the org's counter row lock (in `tx`). */
export async function orgEvent(
  tx: SqlClient,
  handoff: Handoff,
  type: HandoffEventType,
  data: Record<string, unknown>,
): Promise<HandoffEvent> {
  const { rows } = await tx.query<Row>(
    `WITH c AS (
       INSERT INTO org_event_counters AS c (org_id, last_seq) VALUES ($1, 1)
       ON CONFLICT (org_id) DO UPDATE SET last_seq = c.last_seq + 1 RETURNING last_seq)
     INSERT INTO handoff_events (org_id, seq, handoff_id, type, data)
     SELECT $1, last_seq, $2, $3, $4::jsonb FROM c RETURNING *`,
    [handoff.orgId, handoff.id, type, JSON.stringify(data)],
  );
  return toEvent(rows[0]);
}
