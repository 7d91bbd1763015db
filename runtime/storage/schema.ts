import type { IDBPDatabase, IDBPTransaction } from 'idb';

/** The object store every version keeps as it is: `vid` (the visitor id) and `b:<bot id>` (a bot's saved conversation). */
export const KV = 'kv';

/**
 * One version's change to the database, run inside the upgrade transaction (`tx` reads and
 * rewrites existing records when a step must move data).
 */
export type SchemaStep = (db: IDBPDatabase, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => void;

/**
 * The database's schema, one step per version: step `i` takes version `i` to `i + 1`, and the
 * bundle opens version `SCHEMA.length`. To change the schema, append a step; never edit or remove
 * one, since visitors' browsers hold databases at every older version. A step may add stores,
 * indexes or fields but must leave `kv` readable and writable as before: a tab opened before the
 * upgrade keeps writing there until it is reloaded (docs/js-api.md, Storage and privacy).
 */
export const SCHEMA: SchemaStep[] = [(db) => void db.createObjectStore(KV)];
