import { SqlAccountStore } from './sql-account-store.ts';
import { SqlBotStore } from './sql-bot-store.ts';
import { SqlHandoffStore } from './sql-handoff-store.ts';
import { SqlResultStore } from './sql-result-store.ts';
import { SqlTimerStore } from './sql-timer-store.ts';
import type { SqlDatabase } from './sql.ts';
import type {
  AccountsStore,
  BotsStore,
  HandoffsStore,
  ResultsStore,
  Store,
  StoreConnection,
  StoreDriver,
  TimersStore,
} from './types.ts';

type Row = Record<string, any>;

/**
 * The one Store over SQL: the five facets, each a class of its own over the same database, joined into one object.
 * Drivers differ only in how they are opened (`pglite-store.ts`, `pg-store.ts`), so both run exactly these statements.
 */
export function sqlStore(
  db: SqlDatabase,
  onClose: () => Promise<void> = async () => {},
  driver: StoreDriver = noDriver,
): Store {
  const connection: StoreConnection = {
    driver,
    async schemaVersion() {
      const { rows } = await db.query<Row>('SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations');
      return rows[0].v;
    },
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      await db.close();
      await onClose();
    },
  };
  return {
    ...connection,
    ...methodsOf<AccountsStore>(new SqlAccountStore(db)),
    ...methodsOf<BotsStore>(new SqlBotStore(db)),
    ...methodsOf<TimersStore>(new SqlTimerStore(db)),
    ...methodsOf<HandoffsStore>(new SqlHandoffStore(db)),
    ...methodsOf<ResultsStore>(new SqlResultStore(db, { analyze: driver.kind === 'pglite' })),
  };
}

/**
 * A facet's methods, bound to it, as own properties: a class keeps its methods on its prototype, which spreading
 * would drop. The facet's interface is the type, so the joined Store shows only the facet's methods (a private
 * helper is copied too, but no caller can name it).
 */
function methodsOf<T extends object>(facet: T): T {
  const methods: Record<string, unknown> = {};
  for (
    let proto = Object.getPrototypeOf(facet);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (facet as Record<string, unknown>)[name];
      if (name !== 'constructor' && !(name in methods) && typeof value === 'function')
        methods[name] = value.bind(facet);
    }
  }
  return methods as T;
}

const noDriver: StoreDriver = {
  kind: 'pglite',
  executeSql: () => Promise.reject(new Error('this store has no driver for jobs')),
  notify: async () => {},
  listen: async () => async () => {},
};
