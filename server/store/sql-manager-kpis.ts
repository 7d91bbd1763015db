import type { SqlDatabase } from './sql.ts';
import type { Row } from './sql-visitor-rows.ts';
import type { ManagerKpi } from './types.ts';

/** Per manager, over the handoffs they claimed: how many, how many resolved, median claim and resolve times, average rating. */
export async function managerKpis(db: SqlDatabase, orgId: string): Promise<ManagerKpi[]> {
  const { rows } = await db.query<Row>(
    `SELECT claimed_by, max(claimed_by_name) AS name, count(*)::int AS count,
       count(*) FILTER (WHERE outcome = 'resolved')::int AS resolved,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - created_at) * 1000) AS claim_ms,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - claimed_at) * 1000)
         FILTER (WHERE status = 'resolved') AS resolve_ms,
       avg(rating)::float8 AS rating, count(rating)::int AS ratings
     FROM handoffs WHERE org_id = $1 AND claimed_at IS NOT NULL
     GROUP BY claimed_by ORDER BY count(*) DESC, max(claimed_by_name)`,
    [orgId],
  );
  return rows.map((r) => ({
    userId: r.claimed_by,
    name: r.name ?? 'Manager',
    count: r.count,
    resolved: r.resolved,
    medianClaimMs: r.claim_ms == null ? null : Math.round(Number(r.claim_ms)),
    medianResolveMs: r.resolve_ms == null ? null : Math.round(Number(r.resolve_ms)),
    averageRating: r.rating == null ? null : Math.round(Number(r.rating) * 100) / 100,
    ratings: r.ratings,
  }));
}
