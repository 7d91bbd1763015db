import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import type { SqlClient, SqlDatabase } from './sql.ts';
import { sqlStore } from './sql-store.ts';
import type { Store, StoreDriver } from './types.ts';

/**
 * Opens the embedded store in `dataDir/pglite` and applies pending migrations.
 * Durability: PGlite's NodeFS writes WAL through to the OS on every commit (fsync is off, so this
 * survives a killed process, not a power cut); the kill -9 test in `server/test/` holds us to it.
 */
export async function openPgliteStore(dataDir: string): Promise<Store> {
  const unlock = lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(join(dataDir, 'pglite'));
  } catch (error) {
    unlock();
    throw error;
  }
  const db = pgliteDatabase(pg);
  try {
    await migrate(db);
  } catch (error) {
    await pg.close();
    unlock();
    throw error;
  }
  return sqlStore(db, async () => unlock(), pgliteDriver(pg));
}

/** One process owns a PGlite, so its instances are one: notifications are an in-process emitter. */
function pgliteDriver(pg: PGlite): StoreDriver {
  const events = new EventEmitter().setMaxListeners(0);
  return {
    kind: 'pglite',
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await pg.query<any>(text, values);
        return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
      }
      // pg-boss sends its schema as one multi-statement text without parameters.
      const results = await pg.exec(text);
      const last = results[results.length - 1];
      return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
    },
    async notify(channel, payload) {
      queueMicrotask(() => events.emit(channel, payload));
    },
    async listen(channel, onPayload) {
      events.on(channel, onPayload);
      return async () => void events.off(channel, onPayload);
    },
  };
}

function pgliteDatabase(pg: PGlite): SqlDatabase {
  return {
    ...pgliteClient(pg),
    transaction: (fn) => pg.transaction((tx) => fn(pgliteClient(tx))),
    close: () => pg.close(),
  };
}

function pgliteClient(pg: PGlite | Transaction): SqlClient {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await pg.query<Row>(sql, params);
      return { rows: result.rows, affected: result.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
  };
}
