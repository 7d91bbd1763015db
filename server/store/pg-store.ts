import pg from 'pg';
import type { Logger } from 'pino';
import { migrate } from './migrate.ts';
import type { SqlClient, SqlDatabase } from './sql.ts';
import { sqlStore } from './sql-store.ts';
import type { Store, StoreDriver } from './types.ts';

/**
 * Opens the store on PostgreSQL (DATABASE_URL) and applies pending migrations. Same SQL as PGlite;
 * several server instances may share one database (migrations take an advisory lock).
 */
export async function openPgStore(
  connectionString: string,
  options: { log?: Logger; maxConnections?: number } = {},
): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
  // An idle client losing its connection must not crash the process; the next query gets a fresh one.
  pool.on('error', (err) => options.log?.warn({ err }, 'idle PostgreSQL connection failed'));
  const db = pgDatabase(pool);
  try {
    await migrate(db);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const driver = pgDriver(pool, connectionString, options.log);
  return sqlStore(db, driver.close, driver);
}

/**
 * pg-boss shares the store's pool. LISTEN needs a connection of its own that stays open; when it drops,
 * it reconnects with backoff (streams re-read their inbox on every notification, so a gap only delays).
 */
function pgDriver(pool: pg.Pool, connectionString: string, log?: Logger): StoreDriver & { close(): Promise<void> } {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString });
    next.on('notification', (msg) => {
      for (const fn of handlers.get(msg.channel) ?? []) fn(msg.payload ?? '');
    });
    next.on('error', (err) => {
      log?.warn({ err }, 'LISTEN connection failed; reconnecting');
      if (client === next) client = null;
      next.end().catch(() => undefined);
      setTimeout(() => void ensure().catch(() => undefined), 500).unref();
    });
    await next.connect();
    for (const channel of handlers.keys()) await next.query(`LISTEN ${ident(channel)}`);
    client = next;
    return next;
  }
  function ensure(): Promise<pg.Client> {
    if (closed) return Promise.reject(new Error('store closed'));
    if (client) return Promise.resolve(client);
    return (connecting ??= connect().finally(() => (connecting = null)));
  }
  return {
    kind: 'postgres',
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
    async executeSql(text, values) {
      const result = await pool.query(text, values);
      // A multi-statement text answers an array of results; pg-boss reads the last.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    },
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async listen(channel, onPayload) {
      let set = handlers.get(channel);
      const first = !set;
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(onPayload);
      const c = await ensure();
      if (first && client === c) await c.query(`LISTEN ${ident(channel)}`);
      return async () => {
        set!.delete(onPayload);
      };
    },
  };
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad channel name ${name}`);
  return name;
}

function pgDatabase(pool: pg.Pool): SqlDatabase {
  return {
    ...pgClient(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function pgClient(client: pg.Pool | pg.PoolClient): SqlClient {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return { rows: result.rows as Row[], affected: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}
