/**
 * The Results tab of a bot (`/builder?bot=<id>&view=results`): what visitors answered, one row per conversation,
 * filtered by status and days, paged by the API's cursor, with the CSV download. Every answer of the API it shows
 * as it is; a failure is a sentence on the page, never a blank one.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ResultPage } from '../../rest/index.ts';
import { api, type BotInfo } from '../api.ts';
import type { Doc } from '../model/types.ts';
import { queryOf, resultRows, type ResultFilters } from './results-model.ts';
import { ResultsTable } from './results-table.tsx';

/** The results page of one bot: its name, the links back, the filters, the table and the pager. */
export function ResultsView({ botId }: { botId: string }) {
  const [bot, setBot] = useState<BotInfo | undefined>();
  const [filters, setFilters] = useState<ResultFilters>({ status: 'all', from: '', to: '' });
  // The cursors of the pages before this one, so Previous goes back without the API keeping state.
  const [cursors, setCursors] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [page, setPage] = useState<ResultPage | undefined>();
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    api.bot(botId).then(
      ({ bot }) => setBot(bot),
      (err) => setError(`This bot could not be opened: ${(err as Error).message}`),
    );
  }, [botId]);

  const load = async () => {
    setLoading(true);
    try {
      setPage(await api.results(botId, queryOf(filters, cursor)));
      setError('');
    } catch (err) {
      setPage(undefined);
      setError(`The results could not be loaded: ${(err as Error).message}`);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), [botId, filters, cursor]);

  const filter = (patch: Partial<ResultFilters>) => {
    setFilters({ ...filters, ...patch });
    setCursors([]);
    setCursor(undefined);
  };
  const doc = (bot?.draft?.scenario ?? { nodes: [] }) as Doc;
  const rows = page ? resultRows(page, doc) : [];
  // A bot that never collected has nothing to filter or download: the page only explains how to opt in.
  const nothingToShow = !!page && !rows.length && !isFiltered(filters) && !cursor && !doc.settings?.results;
  const editor = `/builder?bot=${encodeURIComponent(botId)}`;
  return (
    <main class="cl-results" aria-busy={loading}>
      <div class="cl-results-head">
        <h1>Results{bot ? ` of ${bot.name}` : ''}</h1>
        <a href={editor}>Open in the editor</a>
        {!nothingToShow && (
          <a class="cl-button" href={api.resultsCsvUrl(botId, queryOf(filters))} download>
            Download CSV
          </a>
        )}
      </div>
      {!nothingToShow && (
        <form class="cl-results-filters" aria-label="Filter results" onSubmit={(e) => e.preventDefault()}>
          <label>
            Show{' '}
            <select
              value={filters.status}
              onChange={(e) => filter({ status: (e.target as HTMLSelectElement).value as ResultFilters['status'] })}
            >
              <option value="all">All conversations</option>
              <option value="completed">Completed</option>
              <option value="abandoned">Abandoned</option>
            </select>
          </label>
          <label>
            From <input type="date" value={filters.from} onChange={(e) => filter({ from: value(e) })} />
          </label>
          <label>
            To <input type="date" value={filters.to} onChange={(e) => filter({ to: value(e) })} />
          </label>
        </form>
      )}
      {error && (
        <p role="alert" class="cl-error">
          {error}
        </p>
      )}
      {page && rows.length === 0 && !loading && <Empty bot={bot} filtered={isFiltered(filters) || !!cursor} />}
      {page && rows.length > 0 && (
        <ResultsTable botId={botId} columns={page.columns} rows={rows} onChanged={() => void load()} />
      )}
      {page && (cursors.length > 0 || page.next) && (
        <nav class="cl-results-pager" aria-label="Pages of results">
          <button
            type="button"
            disabled={!cursors.length}
            onClick={() => {
              setCursor(cursors.at(-1) || undefined);
              setCursors(cursors.slice(0, -1));
            }}
          >
            Previous
          </button>
          <button
            type="button"
            disabled={!page.next}
            onClick={() => {
              setCursors([...cursors, cursor ?? '']);
              setCursor(page.next ?? undefined);
            }}
          >
            Next
          </button>
        </nav>
      )}
    </main>
  );
}

const value = (e: Event) => (e.target as HTMLInputElement).value;
const isFiltered = (f: ResultFilters) => f.status !== 'all' || !!f.from || !!f.to;

/** Why the table is empty: the bot does not collect, is not live yet, nobody came yet, or the filters match nothing. */
function Empty({ bot, filtered }: { bot: BotInfo | undefined; filtered: boolean }) {
  if (filtered) return <p class="cl-results-empty">No results match these filters.</p>;
  if (!bot) return null;
  const settings = `/builder?bot=${encodeURIComponent(bot.id)}`;
  const optedIn = !!bot.draft?.scenario?.settings?.results;
  if (!optedIn)
    return (
      <div class="cl-results-empty">
        <h2>This bot does not collect results</h2>
        <p>
          A bot sends nothing about its visitors until you choose what it collects. Under{' '}
          <a href={settings}>Settings → Results</a> tick the answers to keep (this writes <code>settings.results</code>{' '}
          into the scenario), then publish: each conversation then appears here, with those answers only.
        </p>
      </div>
    );
  if (!bot.published)
    return (
      <div class="cl-results-empty">
        <h2>No results yet</h2>
        <p>
          This bot is not published. <a href={settings}>Publish it</a>, and results appear after the first visitor
          finishes or leaves.
        </p>
      </div>
    );
  return (
    <div class="cl-results-empty">
      <h2>No results yet</h2>
      <p>
        Results appear after the first visitor finishes or leaves. Only the answers this bot collects are kept; if you
        turned results on after the last publish, <a href={settings}>publish again</a>.
      </p>
    </div>
  );
}
