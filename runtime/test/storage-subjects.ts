/**
 * Test support: the storages the contract (runtime/storage/storage.contract.ts) runs on, made the same way in
 * Node (fake-indexeddb) and in Chromium (real IndexedDB). Only how the device is filled and how
 * site data is cleared differ, so those come in as hooks.
 */
import type { Clock } from '../clock.ts';
import { BLOCKED_WAIT, idbStorage } from '../storage/idb-storage.ts';
import { memoryStorage } from '../storage/memory-storage.ts';
import { SCHEMA, type SchemaStep } from '../storage/schema.ts';
import type { Hook, Subject } from '../storage/storage.contract.ts';

/** Next release's schema: today's steps and one more that adds a store and leaves `kv` as it is. */
export const NEXT_SCHEMA: SchemaStep[] = [...SCHEMA, (db) => void db.createObjectStore('notes')];

/** What differs between Node and the browser: how the device runs out of room, and how site data is cleared. */
export interface DeviceHooks {
  /** Refuses writes from now on; the function returned gives the room back. */
  fill(): Promise<() => Promise<void>>;
  /** Clears the stored data of the origin (or of database `name`) while connections are open. */
  wipe(name: string): Promise<void>;
}

/** The memory storage: no versions, no quota, no site data to clear, so no hooks. */
export const memorySubject = async (): Promise<Subject> => ({ storage: memoryStorage() });

/** The hooks a memory subject offers. */
export const MEMORY_HOOKS: Hook[] = [];

/** The hooks an IndexedDB subject offers. */
export const IDB_HOOKS: Hook[] = ['wipe', 'fill', 'newer', 'hold'];

/**
 * A device that is full: every put throws QuotaExceededError, as a browser's does, until the
 * function returned gives the room back. fake-indexeddb has no quota, and Chromium ignores the
 * DevTools protocol's quota override (Storage.overrideQuotaForOrigin leaves 10 GB), so both
 * stand a full disk in this way.
 */
export async function refuseWrites(): Promise<() => Promise<void>> {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = () => {
    throw new DOMException('Quota exceeded', 'QuotaExceededError');
  };
  return async () => void (IDBObjectStore.prototype.put = put);
}

/** Opens database `name` without a version and never lets go when asked: an older tab that does not cooperate. */
function holdOpen(name: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(() => req.result.close());
    req.onerror = () => reject(req.error);
  });
}

let made = 0;

/**
 * A maker of IndexedDB subjects: each gets a database of its own (`<prefix>-<n>`), as a fresh
 * visitor's browser would have, and `device` to fill the disk and clear site data.
 */
export function idbSubjects(prefix: string, device: DeviceHooks): () => Promise<Subject> {
  return async () => {
    const name = `${prefix}-${++made}`;
    return {
      storage: await idbStorage(name),
      wipe: () => device.wipe(name),
      fill: () => device.fill(),
      newer: (clock?: Clock) => idbStorage(name, NEXT_SCHEMA, clock),
      hold: () => holdOpen(name),
      blockedWait: BLOCKED_WAIT,
    };
  };
}
