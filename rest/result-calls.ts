/**
 * The owner's results calls of the web client (`GET /bots/:id/results`, its CSV, `/analytics`, and the deletes), so
 * the builder's Results tab and analytics overlay build no query string of their own.
 */
import type { Analytics, ResultPage } from './results.ts';

/** A date filter: an ISO 8601 string (`2026-12-01`, `2026-12-01T09:30:00Z`) or a Date. */
export type DateParam = string | Date;

/** Filters and paging of `results()` and `resultsCsvUrl()`. */
export interface ResultQuery {
  /** 1..200, default 50 (ignored by the CSV) */
  limit?: number;
  /** the `next` of the page before */
  cursor?: string | null;
  /** started at or after */
  since?: DateParam;
  /** started before */
  until?: DateParam;
  /** only completed (true) or only abandoned (false) */
  completed?: boolean;
  visitorId?: string;
}

/** Filters of `analytics()`. */
export interface AnalyticsQuery {
  since?: DateParam;
  until?: DateParam;
  /** only conversations that ran this published version */
  version?: number;
}

/** The results calls a client has besides `request` and `json`. */
export interface ResultCalls {
  /** A page of a bot's results, newest first, with its columns (the collected variables). */
  results(botId: string, query?: ResultQuery): Promise<ResultPage>;
  /** The address of the CSV of every result the filters take (for a download link; the session cookie goes along). */
  resultsCsvUrl(botId: string, query?: Omit<ResultQuery, 'limit' | 'cursor'>): string;
  /** Starts, completions, per-node flow and per-split-branch flow. */
  analytics(botId: string, query?: AnalyticsQuery): Promise<Analytics>;
  /** Deletes one result; fails with `results.not_found` when it is gone already. */
  deleteResult(botId: string, resultId: string): Promise<void>;
  /** Erases every result of one visitor of the bot; resolves to how many. */
  eraseVisitor(botId: string, visitorId: string): Promise<number>;
}

type Json = <T>(path: string, init?: { method?: string }) => Promise<T>;

/** The calls over a client's `json`, with `base` (the API root) for the one address a page links to. */
export function resultCalls(base: string, json: Json): ResultCalls {
  const bot = (id: string) => `/bots/${encodeURIComponent(id)}`;
  return {
    results: (botId, query = {}) => json<ResultPage>(`${bot(botId)}/results${queryString({ ...query })}`),
    resultsCsvUrl: (botId, query = {}) => `${base}${bot(botId)}/results${queryString({ ...query, format: 'csv' })}`,
    analytics: (botId, query = {}) => json<Analytics>(`${bot(botId)}/analytics${queryString({ ...query })}`),
    deleteResult: (botId, resultId) =>
      json<void>(`${bot(botId)}/results/${encodeURIComponent(resultId)}`, { method: 'DELETE' }),
    eraseVisitor: async (botId, visitorId) =>
      (
        await json<{ deleted: number }>(`${bot(botId)}/results${queryString({ visitorId })}`, {
          method: 'DELETE',
        })
      ).deleted,
  };
}

/** `?a=1&b=2` from the parameters that are set (undefined, null and '' are left out); '' when none is. */
function queryString(params: Record<string, string | number | boolean | Date | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
