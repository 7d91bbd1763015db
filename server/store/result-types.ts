/**
 * The results facet of the store: what opted-in bots report about each conversation (the declared variables only,
 * the nodes reached, whether it completed), for the owner's Results table, CSV export and analytics. Implemented
 * once over SQL (`sql-result-store.ts`) and held to `result-store.contract.ts` on both drivers.
 */
import type { Analytics, ResultValue } from '../../rest/index.ts';
import type { TxSql } from './timer-types.ts';

/** One stored result. */
export interface StoredResult {
  id: string;
  orgId: string;
  botId: string;
  visitorId: string;
  seq: number;
  /** the bundle's scenario hash the conversation ran */
  scenario: string;
  /** the bot version with that scenario, when the server knew it at ingest */
  version: number | null;
  startedAt: Date;
  updatedAt: Date;
  /** when a report first said it completed */
  completedAt: Date | null;
  completed: boolean;
  handoff: boolean;
  path: string[];
  lastNodeId: string | null;
  variables: Record<string, ResultValue>;
}

/** A report to store, already validated and stripped to the declared variables by the server. */
export type ResultWrite = Omit<StoredResult, 'updatedAt' | 'completedAt' | 'lastNodeId'>;

/** What storing a report did. */
export interface ResultWriteOutcome {
  /** false when a report with this seq or a newer one was already stored (nothing changed) */
  stored: boolean;
  /** true the first time this result is stored as completed: the owner's `result.completed` webhook is due */
  completedNow: boolean;
}

/** Which results a listing, an export or a count takes. */
export interface ResultFilter {
  /** started at or after */
  since?: Date;
  /** started before */
  until?: Date;
  completed?: boolean;
  visitorId?: string;
  /** the bot version the conversation ran */
  version?: number;
}

export interface ResultsStore {
  /**
   * Stores a report: inserts a new result, or replaces the stored one if `seq` is newer. A result id belongs to the
   * bot and visitor that first reported it; a report of the same id by another visitor or bot stores nothing.
   */
  putResult(r: ResultWrite, now: Date): Promise<ResultWriteOutcome>;
  /** Newest first (by startedAt, then id), `limit` at most; `cursor` is the `next` of the page before. */
  listResults(
    botId: string,
    filter: ResultFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ results: StoredResult[]; next: string | null }>;
  /** Every result the filter takes, newest first, read from the database in batches (for the CSV export). */
  streamResults(botId: string, filter: ResultFilter, batchSize?: number): AsyncIterable<StoredResult>;
  /** Starts, completions, per-node flow and per-split-branch flow over the results the filter takes. */
  resultAnalytics(botId: string, filter: ResultFilter, splits: { id: string; next: string[] }[]): Promise<Analytics>;
  /** Deletes one result of a bot; false when there was none. */
  deleteResult(botId: string, resultId: string): Promise<boolean>;
  /** Deletes every result of one visitor of a bot; resolves to how many. */
  deleteVisitorResults(botId: string, visitorId: string): Promise<number>;
  /** Deletes results last updated before `before`, for one bot; resolves to how many (the retention job). */
  deleteResultsBefore(botId: string, before: Date): Promise<number>;
  /** One result of a bot, or null (the webhook sender reads it as it is when sent). */
  getResult(botId: string, resultId: string): Promise<StoredResult | null>;
  /**
   * The bots that have results, each with the `settings.results.retentionDays` of its published version (else its
   * latest), or null when that version sets none: what the retention job sweeps.
   */
  resultRetention(): Promise<{ botId: string; retentionDays: number | null }[]>;
  /**
   * Up to `limit` completed results whose `result.completed` webhook is due are removed from the outbox (claimed
   * with SKIP LOCKED) and handed to `within`, in the same transaction: what `within` queues through `tx` commits
   * with the removal or not at all. `putResult` fills the outbox, for bots with a webhook URL, when `completedNow`.
   */
  takeResultWebhooks(
    limit: number,
    within: (taken: { resultId: string; botId: string }[], tx: TxSql) => Promise<void>,
  ): Promise<number>;
  /** The result a `result.completed` job is about, and whether its webhook was answered already; null when erased. */
  resultForWebhook(botId: string, resultId: string): Promise<{ result: StoredResult; sent: boolean } | null>;
  /** Records that the result's webhook was answered 2xx, so a job run again does not call a second time. */
  markResultWebhookSent(botId: string, resultId: string, at: Date): Promise<void>;
}

/** Thrown by `listResults` for a cursor it did not make (the API answers 400). */
export class BadResultCursor extends Error {
  constructor() {
    super('The cursor is not one this server made; start from the first page');
    this.name = 'BadResultCursor';
  }
}
