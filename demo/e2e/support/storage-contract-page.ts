/**
 * Test support, bundled for the browser by runtime-storage-contract.spec.ts: runs one case of the
 * storage contract (runtime/storage/storage.contract.ts) in the page, on real IndexedDB or on the
 * memory storage. Site data is cleared by Chromium itself, through the DevTools protocol, under
 * open connections; a full disk is a put refusing as a browser's does (runtime/test/storage-subjects.ts says why).
 */
import {
  IDB_HOOKS,
  MEMORY_HOOKS,
  idbSubjects,
  memorySubject,
  refuseWrites,
} from '../../../runtime/test/storage-subjects.ts';
import { casesFor, type Check } from '../../../runtime/storage/storage.contract.ts';

/** The spec's DevTools hook (page.exposeFunction), and the harness's entry the spec calls. */
declare global {
  interface Window {
    /** Clears the origin's IndexedDB data, as a visitor clearing site data does. */
    contractClearSiteData(): Promise<void>;
    /** Runs the case named `name` on `storage`; rejects with the case's message when it fails. */
    runStorageCase(storage: 'memory' | 'idb', name: string): Promise<void>;
  }
}

/** JSON data equal as vitest's toEqual sees it (no class instances here, only plain data). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a != 'object' || typeof b != 'object' || Array.isArray(a) != Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  return (
    ka.length == Object.keys(b).length && ka.every((k) => k in rb && same((a as Record<string, unknown>)[k], rb[k]))
  );
}

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

const check: Check = {
  equal(actual, expected, what) {
    if (!same(actual, expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  },
};

const makeIdb = idbSubjects('contract', {
  fill: refuseWrites,
  wipe: () => window.contractClearSiteData(),
});

window.runStorageCase = async (storage, name) => {
  const c = casesFor(storage == 'idb' ? IDB_HOOKS : MEMORY_HOOKS).find((x) => x.name == name);
  if (!c) throw new Error(`no case named "${name}" for ${storage}`);
  await c.run(await (storage == 'idb' ? makeIdb() : memorySubject()), check);
};
