import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  IDB_HOOKS,
  MEMORY_HOOKS,
  idbSubjects,
  memorySubject,
  refuseWrites,
  type DeviceHooks,
} from '../test/storage-subjects.ts';
import { casesFor, type Check, type Hook, type Subject } from './storage.contract.ts';

/** The contract's assertions as vitest's: a failure shows the case's words and a diff. */
const check: Check = { equal: (actual, expected, what) => expect(actual, what).toEqual(expected) };

/**
 * Node's device: a full disk is a put that refuses, and clearing site data deletes the database
 * (Chromium's own clear, which also closes connections, runs in runtime-storage-contract.spec.ts).
 */
const nodeDevice: DeviceHooks = {
  fill: refuseWrites,
  wipe: (name) =>
    new Promise((resolve, reject) => {
      const q = indexedDB.deleteDatabase(name);
      q.onsuccess = () => resolve();
      q.onblocked = () => reject(Error('clearing the data was blocked by an open connection'));
    }),
};

function runContract(name: string, hooks: Hook[], make: () => Promise<Subject>) {
  describe(`Storage contract: ${name}`, () => {
    for (const c of casesFor(hooks)) it(c.name, async () => c.run(await make(), check));
  });
}

runContract('memory', MEMORY_HOOKS, memorySubject);
runContract('IndexedDB through idb (fake-indexeddb)', IDB_HOOKS, idbSubjects('contract', nodeDevice));
