/**
 * The store: everything the server keeps, as five facets named for what they hold, each in a file of its own:
 * accounts (`account-types.ts`), bots and versions (`bot-types.ts`), visitor timers and deliveries (`timer-types.ts`),
 * handoffs (`handoff-types.ts`) and results (`result-types.ts`). A service takes only the facet it uses, so its
 * constructor says what it can touch; `openStore` hands one object that is all of them.
 * Two implementations share one SQL schema (`migrations/`) and one contract suite per facet (`*.contract.ts`):
 * PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 */
import type { AccountsStore } from './account-types.ts';
import type { BotsStore } from './bot-types.ts';
import type { HandoffsStore } from './handoff-types.ts';
import type { ResultsStore } from './result-types.ts';
import type { TimersStore } from './timer-types.ts';

export * from './account-types.ts';
export type * from './bot-types.ts';
export type * from './handoff-types.ts';
export type * from './invite-types.ts';
export type * from './result-types.ts';
export type * from './timer-types.ts';

/**
 * The database under the store, for what cannot be a store method: pg-boss runs its own SQL through
 * `executeSql`, and instances fan events out to each other through `notify`/`listen`
 * (PostgreSQL LISTEN/NOTIFY; on PGlite, which has one process, an in-process emitter).
 */
export interface StoreDriver {
  kind: 'pglite' | 'postgres';
  /** pg-boss's `db` adapter: one statement with parameters, or several without. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount?: number | null }>;
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `onPayload` for every notification on `channel`, from any instance; resolves to the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

/** The database connection itself: what no facet owns. */
export interface StoreConnection {
  readonly driver: StoreDriver;
  /** Number of the newest migration applied. */
  schemaVersion(): Promise<number>;
  /** Cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The server's persistence: every facet over one connection. Methods resolve once the change is durable. */
export type Store = StoreConnection & AccountsStore & BotsStore & TimersStore & HandoffsStore & ResultsStore;

/**
 * Notified (through `store.driver`) with a bot id when the bundle a bot serves changes: publish, unpublish, delete.
 * Every instance drops its cached bundle for that bot at once instead of waiting for the cache TTL.
 */
export const BUNDLES_CHANNEL = 'chatlet_bundles';
