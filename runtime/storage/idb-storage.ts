import type { Storage } from './types.ts';

/**
 * IndexedDB key-value storage. Written against the raw API rather than `idb`: three calls are all
 * the runtime needs, and `idb` would cost about 1.2 KB gzip of a bundle budget counted in bytes.
 */
export function idbStorage(name = 'chatlet', idb: IDBFactory = indexedDB): Promise<Storage> {
  return new Promise((resolve, reject) => {
    const open = idb.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onblocked = () => reject(new Error('blocked'));
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const run = <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> =>
        new Promise((ok, fail) => {
          const tx = db.transaction('kv', mode);
          const req = fn(tx.objectStore('kv'));
          tx.oncomplete = () => ok(req.result);
          tx.onerror = tx.onabort = () => fail(tx.error || new Error('aborted'));
        });
      resolve({
        get: (k) => run('readonly', (s) => s.get(k)),
        set: (k, v) => run('readwrite', (s) => s.put(v, k)),
      });
    };
  });
}
