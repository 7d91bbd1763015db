import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { openPgStore } from './pg-store.ts';
import { openPgliteStore } from './pglite-store.ts';
import type { Store } from './types.ts';

/** The store the config asks for: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. Migrations are applied. */
export async function openStore(config: { dataDir: string; databaseUrl?: string }, log?: Logger): Promise<Store> {
  if (config.databaseUrl) return openPgStore(config.databaseUrl, { log });
  return openPgliteStore(resolve(config.dataDir));
}
