import { openDB, type IDBPDatabase, type OpenDBCallbacks } from 'idb';
import type { Storage } from './types.ts';
import { KV, SCHEMA } from './schema.ts';
import { clock, type Clock } from '../clock.ts';

/** How long a newer bundle waits for tabs holding an older version to let go before it runs from memory. */
export const BLOCKED_WAIT = 1000;

/**
 * Whether database `name` exists already. Asked through `indexedDB.databases()`, since opening it
 * would create it; resolves falsy when IndexedDB is missing, refused or cannot tell (a browser
 * without `databases()`), never rejects.
 */
export const idbExists = async (name = 'chatlet'): Promise<boolean | undefined> => {
  try {
    return (await indexedDB.databases()).some((d) => d.name == name);
  } catch {
    // No IndexedDB, refused, or no databases(): as if there were none (falsy, a byte cheaper than false).
  }
};

/**
 * IndexedDB key-value storage, opened with `idb` at version `schema.length` (schema.ts). The
 * connection is opened once and reopened on the next read or write after it closed: when a newer
 * bundle in another tab asks to upgrade (`blocking`: this tab lets go at once, so that tab never
 * waits for it), when the database is deleted, or when the browser closes it (`terminated`). A tab
 * older than the database it finds (a newer bundle upgraded it) keeps using `kv` at that version.
 * Rejects when IndexedDB refuses to open, or stays `blocked` by an older tab for BLOCKED_WAIT ms
 * (on clock `c`, the page's own in a bundle).
 */
export function idbStorage(name = 'chatlet', schema = SCHEMA, c: Clock = clock): Promise<Storage> {
  let db: Promise<IDBPDatabase> | undefined;
  const forget = () => void (db = undefined);
  const on: OpenDBCallbacks<unknown> = {
    // A database several versions behind catches up step by step, in one transaction.
    upgrade(d, from, to, tx) {
      while (from < to!) schema[from++](d, tx);
    },
    blocking: (_, __, e) => ((e.target as IDBDatabase).close(), forget()),
    terminated: forget,
  };
  const connect = () =>
    new Promise<IDBPDatabase>((resolve, reject) => {
      // 0 while opening, 1 once open, 2 once it gave up waiting
      let state = 0;
      const fail = (err: unknown) => (forget(), reject(err));
      openDB(name, schema.length, {
        ...on,
        blocked: () => c.setTimeout(() => state || fail(((state = 2), Error('blocked'))), BLOCKED_WAIT),
      })
        .catch((err: Error) =>
          // This bundle is older than the database: it opens it as it is, if it still has `kv`.
          err.name == 'VersionError'
            ? openDB(name, undefined, on).then((d) =>
                d.objectStoreNames.contains(KV) ? d : (d.close(), Promise.reject(err)),
              )
            : Promise.reject(err),
        )
        // Opened after this open gave up: it lets go, so it blocks nobody.
        .then((d) => (state ? d.close() : ((state = 1), resolve(d))), fail);
    });
  /** Runs `op` on the connection, opening it first if there is none; one that closed under it is reopened once. */
  const use = <T>(op: (d: IDBPDatabase) => Promise<T>, again?: 1): Promise<T> =>
    (db ||= connect())
      .then(op)
      .catch((err: Error) => (again || err.name != 'InvalidStateError' ? Promise.reject(err) : (forget(), use(op, 1))));
  return use(async () => 0).then(() => ({
    get: (k) => use((d) => d.get(KV, k)),
    set: (k, v) => use((d) => d.put(KV, v, k)).then(() => undefined),
  }));
}
