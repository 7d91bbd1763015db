import type { SqlClient, SqlDatabase } from './sql.ts';
import { insertDeliveries } from './sql-deliveries.ts';
import { orgEvent } from './sql-handoff-events.ts';
import { managerKpis } from './sql-manager-kpis.ts';
import { visitorArrived, visitorLeft } from './sql-visitor-presence.ts';
import { entryAt, toEvent, toHandoff, type Row } from './sql-visitor-rows.ts';
import type {
  Handoff,
  HandoffChange,
  HandoffEvent,
  HandoffOutcome,
  HandoffStatus,
  HandoffsStore,
  ManagerKpi,
  ManagerRef,
  NewHandoff,
} from './handoff-types.ts';
import type { NewDelivery } from './timer-types.ts';

/** The handoffs facet over SQL: handoffs, their events, presence, availability and KPIs; both drivers run exactly these statements. */
export class SqlHandoffStore implements HandoffsStore {
  constructor(private readonly db: SqlDatabase) {}

  createHandoff(h: NewHandoff): Promise<{ handoff: Handoff; created: boolean; event: HandoffEvent | null }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<Row>(
        `INSERT INTO handoffs (id, org_id, bot_id, visitor_id, handoff_key, queue, transcript, variables, timeout_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (bot_id, visitor_id, handoff_key) DO NOTHING RETURNING *`,
        [
          h.id,
          h.orgId,
          h.botId,
          h.visitorId,
          h.handoffKey,
          h.queue,
          JSON.stringify(h.transcript),
          JSON.stringify(h.variables),
          h.timeoutAt,
        ],
      );
      if (inserted.rows[0]) {
        const handoff = toHandoff(inserted.rows[0]);
        const event = await orgEvent(tx, handoff, 'created', { handoff: entryAt(handoff, handoff.createdAt) });
        return { handoff, created: true, event };
      }
      const { rows } = await tx.query<Row>(
        'SELECT * FROM handoffs WHERE bot_id = $1 AND visitor_id = $2 AND handoff_key = $3',
        [h.botId, h.visitorId, h.handoffKey],
      );
      return { handoff: toHandoff(rows[0]), created: false, event: null };
    });
  }

  async visitorHandoff(botId: string, visitorId: string, id: string): Promise<Handoff | null> {
    const { rows } = await this.db.query<Row>(
      'SELECT * FROM handoffs WHERE id = $1 AND bot_id = $2 AND visitor_id = $3',
      [id, botId, visitorId],
    );
    return rows[0] ? toHandoff(rows[0]) : null;
  }

  async getHandoff(orgId: string, id: string): Promise<Handoff | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM handoffs WHERE id = $1 AND org_id = $2', [id, orgId]);
    return rows[0] ? toHandoff(rows[0]) : null;
  }

  async listHandoffs(orgId: string, status: HandoffStatus): Promise<Handoff[]> {
    // The queue is oldest first (who waited longest is helped first), visitors who left after those still
    // there; in progress oldest first; closed ones newest first.
    const order =
      status === 'waiting'
        ? '(visitor_left_at IS NOT NULL), created_at, id'
        : status === 'active'
          ? 'created_at, id'
          : 'coalesce(resolved_at, created_at) DESC, id';
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM handoffs WHERE org_id = $1 AND status = $2 ORDER BY ${order} LIMIT 500`,
      [orgId, status],
    );
    return rows.map(toHandoff);
  }

  async handoffMessages(orgId: string, id: string): Promise<HandoffEvent[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM handoff_events WHERE handoff_id = $1 AND org_id = $2 AND type = 'message' ORDER BY seq`,
      [id, orgId],
    );
    return rows.map(toEvent);
  }

  addVisitorMessage(
    botId: string,
    visitorId: string,
    id: string,
    text: string,
  ): Promise<HandoffEvent | 'closed' | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        'SELECT * FROM handoffs WHERE id = $1 AND bot_id = $2 AND visitor_id = $3 FOR UPDATE',
        [id, botId, visitorId],
      );
      if (!rows[0]) return null;
      const handoff = toHandoff(rows[0]);
      if (handoff.status !== 'waiting' && handoff.status !== 'active') return 'closed';
      return orgEvent(tx, handoff, 'message', { from: 'visitor', text });
    });
  }

  claimHandoff(orgId: string, id: string, manager: ManagerRef): Promise<HandoffChange | 'taken' | null> {
    return this.db.transaction(async (tx) => {
      // The WHERE status = 'waiting' is the whole race: of two concurrent claims, the second finds the row changed.
      const { rows } = await tx.query<Row>(
        `UPDATE handoffs SET status = 'active', claimed_at = now(), claimed_by = $3,
           claimed_by_name = coalesce((SELECT name FROM users WHERE id = $3), $4)
         WHERE id = $1 AND org_id = $2 AND status = 'waiting' RETURNING *`,
        [id, orgId, manager.userId, manager.name],
      );
      if (!rows[0]) return (await exists(tx, orgId, id)) ? 'taken' : null;
      const handoff = toHandoff(rows[0]);
      const name = handoff.claimedByName ?? manager.name;
      const [delivery] = await insertDeliveries(tx, [handoffDelivery(handoff, { type: 'h:joined', name })]);
      const event = await orgEvent(tx, handoff, 'claimed', { handoff: entryAt(handoff, handoff.claimedAt!) });
      return { handoff, event, delivery };
    });
  }

  addManagerMessage(
    orgId: string,
    id: string,
    manager: ManagerRef,
    text: string,
  ): Promise<HandoffChange | 'closed' | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `SELECT h.*, coalesce((SELECT name FROM users WHERE id = $3), $4) AS author
         FROM handoffs h WHERE h.id = $1 AND h.org_id = $2 FOR UPDATE`,
        [id, orgId, manager.userId, manager.name],
      );
      if (!rows[0]) return null;
      const handoff = toHandoff(rows[0]);
      if (handoff.status !== 'active') return 'closed';
      const name = rows[0].author as string;
      const [delivery] = await insertDeliveries(tx, [handoffDelivery(handoff, { type: 'h:msg', text, name })]);
      const event = await orgEvent(tx, handoff, 'message', { from: 'manager', text, name, userId: manager.userId });
      return { handoff, event, delivery };
    });
  }

  resolveHandoff(
    orgId: string,
    id: string,
    manager: ManagerRef,
    result: { outcome: HandoffOutcome; variables: Record<string, unknown>; note: string | null },
  ): Promise<HandoffChange | 'closed' | null> {
    return this.db.transaction(async (tx) => {
      // A waiting handoff may be resolved directly: the manager who closes it is then the one who took it.
      const { rows } = await tx.query<Row>(
        `UPDATE handoffs SET status = 'resolved', resolved_at = now(), outcome = $3, result_variables = $4, note = $5,
           claimed_at = coalesce(claimed_at, now()), claimed_by = CASE WHEN claimed_at IS NULL THEN $6 ELSE claimed_by END,
           claimed_by_name = coalesce(claimed_by_name, (SELECT name FROM users WHERE id = $6), $7)
         WHERE id = $1 AND org_id = $2 AND status IN ('waiting', 'active') RETURNING *`,
        [id, orgId, result.outcome, JSON.stringify(result.variables), result.note, manager.userId, manager.name],
      );
      if (!rows[0]) return (await exists(tx, orgId, id)) ? 'closed' : null;
      const handoff = toHandoff(rows[0]);
      const [delivery] = await insertDeliveries(tx, [
        handoffDelivery(handoff, { type: 'h:done', outcome: result.outcome, variables: result.variables }),
      ]);
      const event = await orgEvent(tx, handoff, 'resolved', { handoff: entryAt(handoff, handoff.resolvedAt!) });
      return { handoff, event, delivery };
    });
  }

  timeoutHandoff(id: string): Promise<HandoffChange | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `UPDATE handoffs SET status = 'timeout', resolved_at = now() WHERE id = $1 AND status = 'waiting' RETURNING *`,
        [id],
      );
      if (!rows[0]) return null;
      const handoff = toHandoff(rows[0]);
      const [delivery] = await insertDeliveries(tx, [handoffDelivery(handoff, { type: 'h:timeout' })]);
      const event = await orgEvent(tx, handoff, 'timeout', { handoff: entryAt(handoff, handoff.resolvedAt!) });
      return { handoff, event, delivery };
    });
  }

  rateHandoff(handoff: Handoff, rating: number): Promise<HandoffEvent | false> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `UPDATE handoffs SET rating = $2 WHERE id = $1 AND status = 'resolved' RETURNING *`,
        [handoff.id, rating],
      );
      if (!rows[0]) return false;
      return orgEvent(tx, toHandoff(rows[0]), 'rated', { rating });
    });
  }

  async handoffEventsAfter(orgId: string, after: number, limit: number): Promise<HandoffEvent[]> {
    const { rows } = await this.db.query<Row>(
      'SELECT * FROM handoff_events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [orgId, after, limit],
    );
    return rows.map(toEvent);
  }

  async lastHandoffEventSeq(orgId: string): Promise<number> {
    const { rows } = await this.db.query<Row>('SELECT last_seq FROM org_event_counters WHERE org_id = $1', [orgId]);
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }

  visitorArrived(botId: string, visitorId: string, at: Date): Promise<HandoffEvent[]> {
    return visitorArrived(this.db, botId, visitorId, at);
  }

  visitorLeft(botId: string, visitorId: string, closedAt: Date): Promise<HandoffEvent[]> {
    return visitorLeft(this.db, botId, visitorId, closedAt);
  }

  async setAvailability(orgId: string, userId: string, status: 'online' | 'away'): Promise<void> {
    await this.db.query(
      `INSERT INTO manager_availability (org_id, user_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, user_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
      [orgId, userId, status],
    );
  }

  async getAvailability(orgId: string, userId: string): Promise<'online' | 'away'> {
    const { rows } = await this.db.query<Row>(
      'SELECT status FROM manager_availability WHERE org_id = $1 AND user_id = $2',
      [orgId, userId],
    );
    return rows[0]?.status ?? 'away';
  }

  managerKpis(orgId: string): Promise<ManagerKpi[]> {
    return managerKpis(this.db, orgId);
  }
}

async function exists(tx: SqlClient, orgId: string, id: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM handoffs WHERE id = $1 AND org_id = $2', [id, orgId]);
  return rows.length > 0;
}

function handoffDelivery(handoff: Handoff, event: Record<string, unknown>): NewDelivery {
  return { botId: handoff.botId, visitorId: handoff.visitorId, kind: 'handoff', ref: handoff.id, event };
}
