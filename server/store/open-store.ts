import { resolve } from 'node:path';
import { openPgliteStore } from './pglite-store.ts';
import type { Store } from './types.ts';

/** The store the config asks for: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. Migrations are applied. */
export async function openStore(config: { dataDir: string; databaseUrl?: string }): Promise<Store> {
  if (config.databaseUrl) {
    // The SQL store and its contract suite are driver-neutral; the `pg` adapter lands with issue 4.
    throw new Error('DATABASE_URL is set, but the PostgreSQL store is not available yet; unset it to use PGlite in DATA_DIR');
  }
  return openPgliteStore(resolve(config.dataDir));
}
