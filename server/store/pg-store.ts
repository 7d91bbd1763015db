import pg from 'pg';
import type { Logger } from 'pino';
import { migrate } from './migrate.ts';
import type { SqlClient, SqlDatabase } from './sql.ts';
import { SqlStore } from './sql-store.ts';
import type { Store } from './types.ts';

/**
 * Opens the store on PostgreSQL (DATABASE_URL) and applies pending migrations. Same SQL as PGlite;
 * several server instances may share one database (migrations take an advisory lock).
 */
export async function openPgStore(connectionString: string, options: { log?: Logger; maxConnections?: number } = {}): Promise<Store> {
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
  return new SqlStore(db);
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
