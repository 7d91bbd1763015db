/**
 * What the IndexedDB storage does beyond the contract (storage.contract.ts, which already holds a
 * full disk, cleared site data, an upgrade while open and a holder that never lets go): how the
 * upgrade path looks from inside (versions, stores, connections), a forced close, and refusals.
 * Run on fake-indexeddb, which implements versionchange, blocked and forced closes as browsers do;
 * demo/e2e/runtime-storage-upgrade.spec.ts checks the upgrade in Chromium with two tabs.
 */
import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { BLOCKED_WAIT, idbExists, idbStorage } from './idb-storage.ts';
import { KV, SCHEMA, type SchemaStep } from './schema.ts';
import { settle, simClock } from '../test/sim-clock.ts';

let n = 0;
const fresh = () => `idb-${++n}`;

/** The newer bundle of these tests: version 2 adds a store and stamps the visitor id it found. */
const V2: SchemaStep[] = [
  ...SCHEMA,
  (db, tx) => {
    db.createObjectStore('notes');
    void tx.objectStore(KV).put('seen by v2', 'migrated');
  },
];

/** Opens `name` with the raw API, as the pre-idb runtime (or any other code) did, and never lets go on versionchange. */
function rawOpen(name: string, version?: number, setup?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => setup?.(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Every connection opened from now on, until `restore()`. */
function spyOpens(): IDBDatabase[] & { restore(): void } {
  const open = IDBFactory.prototype.open;
  const opened = Object.assign([] as IDBDatabase[], { restore: () => void (IDBFactory.prototype.open = open) });
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: [string, number?]) {
    const req = open.apply(this, args);
    req.addEventListener('success', () => opened.push(req.result));
    return req;
  };
  return opened;
}

const versionOf = async (name: string) => (await indexedDB.databases()).find((d) => d.name === name)?.version;
const stores = async (name: string) => {
  const db = await rawOpen(name);
  const names = [...db.objectStoreNames];
  db.close();
  return names;
};

describe('the IndexedDB storage', () => {
  it("keeps a conversation for the next page view, and reads what the runtime before idb wrote (same database, version 1, store 'kv')", async () => {
    const name = fresh();
    const old = await rawOpen(name, 1, (db) => db.createObjectStore('kv'));
    await new Promise(
      (done) => (old.transaction('kv', 'readwrite').objectStore('kv').put('v-old', 'vid').onsuccess = done),
    );
    old.close();
    const st = await idbStorage(name);
    expect(await st.get('vid')).toBe('v-old');
    await st.set('b:bot', { h: 'x' });
    expect(await (await idbStorage(name)).get('b:bot')).toEqual({ h: 'x' });
    expect(await versionOf(name)).toBe(SCHEMA.length);
  });

  it('upgrades a database step by step: a version 1 database gets step 2, a new one gets steps 1 and 2, and data stays', async () => {
    const name = fresh();
    await (await idbStorage(name)).set('vid', 'v-1');
    const st = await idbStorage(name, V2);
    expect(await versionOf(name)).toBe(2);
    expect(await stores(name)).toEqual(['kv', 'notes']);
    expect([await st.get('vid'), await st.get('migrated')]).toEqual(['v-1', 'seen by v2']);

    const other = fresh();
    await (await idbStorage(other, V2)).set('vid', 'v-2');
    expect(await stores(other)).toEqual(['kv', 'notes']);
  });

  it('lets a newer bundle upgrade at once while an older tab holds the database, and the older tab keeps reading and writing', async () => {
    const name = fresh();
    const older = await idbStorage(name);
    await older.set('b:bot', { step: 1 });
    // No wait: the older connection closes as soon as the newer bundle asks.
    const newer = await idbStorage(name, V2);
    expect(await newer.get('b:bot')).toEqual({ step: 1 });
    // The older tab reopens at version 2 (its own version 1 no longer exists) and carries on.
    await older.set('b:bot', { step: 2 });
    expect(await newer.get('b:bot')).toEqual({ step: 2 });
    expect(await older.get('migrated')).toBe('seen by v2');
    await newer.set('b:bot', { step: 3 });
    expect(await older.get('b:bot')).toEqual({ step: 3 });
    expect(await versionOf(name)).toBe(2);
  });

  it('gives up after BLOCKED_WAIT when an older connection never closes, then upgrades once it does, leaving nothing open', async () => {
    const name = fresh();
    await (await idbStorage(name)).set('vid', 'kept');
    const stubborn = await rawOpen(name);
    const clock = simClock();
    const outcome = idbStorage(name, V2, clock).then(
      () => 'opened',
      (err: Error) => err.message,
    );
    await clock.armed(BLOCKED_WAIT);
    clock.advance(BLOCKED_WAIT - 1);
    await settle();
    expect(await Promise.race([outcome, 'waiting'])).toBe('waiting');
    clock.advance(1);
    expect(await outcome).toMatch(/blocked/);

    stubborn.close();
    await vi.waitFor(async () => expect(await versionOf(name)).toBe(2));
    // The late connection was let go: deleting the database is not blocked by it.
    const deleted = await new Promise((r) => {
      const q = indexedDB.deleteDatabase(name);
      q.onsuccess = () => r('deleted');
      q.onblocked = () => r('blocked');
    });
    expect(deleted).toBe('deleted');
  });

  it('waits for an older connection that lets go late, then opens and stays open past BLOCKED_WAIT', async () => {
    const name = fresh();
    const slow = await rawOpen(name, 1, (db) => db.createObjectStore('kv'));
    // It lets go a moment after being asked, so the newer open is reported blocked first.
    slow.onversionchange = () => setImmediate(() => slow.close());
    const opened = spyOpens();
    try {
      const clock = simClock();
      const st = await idbStorage(name, V2, clock);
      expect(await st.get('migrated')).toBe('seen by v2');
      expect(clock.pending()).toEqual([BLOCKED_WAIT]);
      clock.advance(BLOCKED_WAIT);
      await st.set('b:bot', { step: 1 });
      expect(await st.get('b:bot')).toEqual({ step: 1 });
      expect(opened).toHaveLength(1);
    } finally {
      opened.restore();
    }
  });

  it('reopens on the next write after the browser closed the connection', async () => {
    const name = fresh();
    const opened = spyOpens();
    try {
      const st = await idbStorage(name);
      await st.set('b:bot', { step: 1 });
      // fake-indexeddb's declaration asks for the class where the function takes a connection.
      forceCloseDatabase(opened[0] as unknown as Parameters<typeof forceCloseDatabase>[0]);
      await st.set('b:bot', { step: 2 });
      expect(opened).toHaveLength(2);
      expect(await st.get('b:bot')).toEqual({ step: 2 });
    } finally {
      opened.restore();
    }
  });

  it('rejects when IndexedDB refuses to open, so the runtime falls back to memory', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    try {
      await expect(idbStorage(fresh())).rejects.toThrow(/insecure/);
    } finally {
      IDBFactory.prototype.open = open;
    }
  });

  it('tells whether a database exists without creating one, and says no when IndexedDB cannot tell', async () => {
    const name = fresh();
    expect(await idbExists(name)).toBeFalsy();
    expect(await versionOf(name)).toBeUndefined();
    await (await idbStorage(name)).set('vid', 'v-1');
    expect(await idbExists(name)).toBe(true);

    const databases = IDBFactory.prototype.databases;
    try {
      // A browser without databases() (Firefox before 126), and one that refuses IndexedDB outright.
      (IDBFactory.prototype as { databases?: unknown }).databases = undefined;
      expect(await idbExists(name)).toBeFalsy();
      IDBFactory.prototype.databases = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      expect(await idbExists(name)).toBeFalsy();
    } finally {
      IDBFactory.prototype.databases = databases;
    }
  });

  it("rejects, rather than guessing, a newer database that no longer has 'kv'", async () => {
    const name = fresh();
    (await rawOpen(name, 5, (db) => db.createObjectStore('other'))).close();
    await expect(idbStorage(name)).rejects.toThrow(/version/i);
  });
});
