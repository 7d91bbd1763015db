/**
 * The bar above the canvas while Analytics is on: the days and the version it counts, the totals, and what went
 * wrong. It asks the API only when it opens or a filter changes (never while the author edits), and hands the
 * answer to the canvas, which writes the figures on the nodes.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Analytics } from '../../rest/index.ts';
import { api, type Version } from '../api.ts';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import { count, percent, queryOf } from './results-model.ts';

/** The Analytics bar; mounted only while Analytics is on, and it takes the figures off the nodes when it goes. */
export function AnalyticsBar({ state, ctl }: { state: State; ctl: Controller }) {
  const botId = state.bot.id;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [version, setVersion] = useState('');
  const [versions, setVersions] = useState<Version[]>([]);
  const [data, setData] = useState<Analytics | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    api.versions(botId).then(setVersions, () => setVersions([]));
    return () => ctl.canvas.showAnalytics(undefined);
  }, [botId]);

  useEffect(() => {
    let current = true;
    const { since, until } = queryOf({ status: 'all', from, to });
    setError('');
    api.analytics(botId, { since, until, version: version ? Number(version) : undefined }).then(
      (a) => {
        if (!current) return;
        setData(a);
        ctl.canvas.showAnalytics(a);
      },
      (err) => {
        if (!current) return;
        setData(undefined);
        ctl.canvas.showAnalytics(undefined);
        setError(`Analytics could not be loaded: ${(err as Error).message}`);
      },
    );
    // An answer to an older choice of days or version must not overwrite a newer one.
    return () => {
      current = false;
    };
  }, [botId, from, to, version]);

  const input = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <section class="cl-analytics-bar" aria-label="Analytics">
      <label>
        From <input type="date" value={from} onChange={(e) => setFrom(input(e))} />
      </label>
      <label>
        To <input type="date" value={to} onChange={(e) => setTo(input(e))} />
      </label>
      <label>
        Version{' '}
        <select value={version} onChange={(e) => setVersion(input(e))}>
          <option value="">All versions</option>
          {versions.map((v) => (
            <option value={String(v.version)}>Version {v.version}</option>
          ))}
        </select>
      </label>
      <span role="status" class="cl-analytics-totals">
        {data &&
          `${count(data.starts, 'conversation')} started · ${data.completions} completed (${percent(data.completions, data.starts)})`}
      </span>
      {error && (
        <span role="alert" class="cl-error">
          {error}
        </span>
      )}
      <button type="button" class="cl-link" onClick={() => ctl.store.set({ analyticsOpen: false })}>
        Close
      </button>
    </section>
  );
}
