/**
 * The few things the SQL store needs from a database driver.
 * PGlite and `pg` each get a small adapter to this, and everything above it is shared.
 */

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  affected: number;
}

export interface SqlClient {
  /** One statement with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
