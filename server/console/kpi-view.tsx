import { h, Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Kpi } from './api.ts';
import { duration } from './waiting-time.ts';

/** Per-manager KPIs, re-read whenever a handoff closes or is rated (`version`). */
export function KpiView(props: { version: number }) {
  const [kpis, setKpis] = useState<Kpi[] | null>(null);
  useEffect(() => {
    void api<{ managers: Kpi[] }>('/kpis').then(
      (r) => setKpis(r.managers),
      () => setKpis([]),
    );
  }, [props.version]);
  return (
    <Fragment>
      <h2 id="kpi-title">KPIs per manager</h2>
      {kpis === null ? (
        <p class="empty">Loading…</p>
      ) : kpis.length === 0 ? (
        <p class="empty">No handoff has been taken yet.</p>
      ) : (
        <table class="kpis">
          <thead>
            <tr>
              <th scope="col">Manager</th>
              <th scope="col" class="num">
                Taken
              </th>
              <th scope="col" class="num">
                Resolved
              </th>
              <th scope="col" class="num">
                Median time to claim
              </th>
              <th scope="col" class="num">
                Median time to resolve
              </th>
              <th scope="col" class="num">
                Visitor rating
              </th>
            </tr>
          </thead>
          <tbody>
            {kpis.map((k) => (
              <tr key={k.userId ?? 'token'}>
                <th scope="row">{k.name}</th>
                <td class="num">{k.count}</td>
                <td class="num">{k.resolved}</td>
                <td class="num">{duration(k.medianClaimMs)}</td>
                <td class="num">{duration(k.medianResolveMs)}</td>
                <td class="num">
                  {k.averageRating == null ? '—' : `${k.averageRating.toFixed(1)} / 5 (${k.ratings})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Fragment>
  );
}
