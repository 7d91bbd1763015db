/**
 * The behaviour every runtime `Storage` must have, whatever keeps the data: one list of named
 * cases, written against a two-word assertion interface so the same cases run in vitest
 * (storage.test.ts: memory, and IndexedDB on fake-indexeddb) and in Chromium on real IndexedDB
 * (demo/e2e/runtime-storage-contract.spec.ts). The fallback a visitor gets when IndexedDB says no
 * thus behaves like the real thing, and the real thing like its Node stand-in.
 */
import type { Clock } from '../clock.ts';
import { simClock } from '../test/sim-clock.ts';
import type { Storage } from './types.ts';

/** What a case asserts with: vitest's `expect` in Node, a small deep-equal in the browser. */
export interface Check {
  /** Fails, saying `what`, unless `actual` deep-equals `expected`. */
  equal(actual: unknown, expected: unknown, what: string): void;
}

/**
 * A fresh, empty storage made for one case, and what a case can do to the data behind it.
 * An implementation that cannot have a hard case (memory has no versions, no quota, no site data
 * to clear) leaves its hook out, and the case is not one of its cases.
 */
export interface Subject {
  storage: Storage;
  /** Clears the site's stored data while `storage` is open, as a visitor clearing site data does. */
  wipe?(): Promise<void>;
  /** Makes the device refuse writes (it is full); the function returned gives the room back. */
  fill?(): Promise<() => Promise<void>>;
  /** The same data opened by next release's bundle (schema one version ahead), timing out on `clock`. */
  newer?(clock?: Clock): Promise<Storage>;
  /** An older tab's connection that never lets go of the data; the function returned closes it. */
  hold?(): Promise<() => void>;
  /** How long `newer` waits for a holder to let go before it gives up (a `Clock`'s ms). */
  blockedWait?: number;
}

/** A hook a case needs beyond the storage itself. */
export type Hook = 'wipe' | 'fill' | 'newer' | 'hold';

/** One behaviour: its sentence, the hooks it needs, and the steps that show it. */
export interface StorageCase {
  name: string;
  needs: Hook[];
  run(s: Subject, check: Check): Promise<void>;
}

/** A saved conversation's shape in small: what the host writes under `b:<bot id>`. */
const RECORD = {
  h: 'v1',
  s: { status: 'active', value: { ask: 'name' }, context: { v: { name: 'Dana', n: 3, ok: true, none: null } } },
  p: [{ f: 's', x: 'The bot changed' }],
  o: true,
};

/** Settles `p` into what a visitor would notice: the value it gave, or the name of the error it was refused with. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'done',
    (err: Error) => `refused: ${err.name == 'Error' ? err.message : err.name}`,
  );

/** Every case of the contract, in the order they run. */
export const STORAGE_CONTRACT: StorageCase[] = [
  {
    name: 'reads a key that was never written as undefined',
    needs: [],
    async run({ storage: st }, check) {
      check.equal(await st.get('b:never'), undefined, 'a key never written');
    },
  },
  {
    name: 'reads back a saved conversation equal to what was written',
    needs: [],
    async run({ storage: st }, check) {
      await st.set('b:bot', RECORD);
      check.equal(await st.get('b:bot'), RECORD, 'the conversation read back');
    },
  },
  {
    name: 'replaces a value written again under the same key',
    needs: [],
    async run({ storage: st }, check) {
      await st.set('vid', 'first');
      await st.set('vid', 'second');
      check.equal(await st.get('vid'), 'second', 'the value after a second write');
    },
  },
  {
    name: 'keeps keys apart: one bot does not see another bot or the visitor id',
    needs: [],
    async run({ storage: st }, check) {
      await Promise.all([st.set('vid', 'abc'), st.set('b:one', { n: 1 }), st.set('b:two', { n: 2 })]);
      const read = [await st.get('vid'), await st.get('b:one'), await st.get('b:two')];
      check.equal(read, ['abc', { n: 1 }, { n: 2 }], 'the visitor id and the two bots');
    },
  },
  {
    name: 'applies writes made without waiting in the order they were made, so the last one wins',
    needs: [],
    async run({ storage: st }, check) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => st.set('b:bot', { step: i })));
      check.equal(await st.get('b:bot'), { step: 19 }, 'the value after 20 writes');
    },
  },
  {
    name: 'sees a write that is still under way when the read is made after it',
    needs: [],
    async run({ storage: st }, check) {
      void st.set('b:bot', { step: 1 });
      check.equal(await st.get('b:bot'), { step: 1 }, 'a read made right after a write');
    },
  },
  {
    name: 'stores a copy: changing the written object or the one read back changes nothing stored',
    needs: [],
    async run({ storage: st }, check) {
      const rec = structuredClone(RECORD);
      await st.set('b:bot', rec);
      rec.p.push({ f: 's', x: 'added after the write' });
      const read = await st.get<typeof RECORD>('b:bot');
      check.equal(read, RECORD, 'the value after the written object changed');
      read!.s.context.v.name = 'changed by the reader';
      check.equal(await st.get('b:bot'), RECORD, 'the value after the read object changed');
    },
  },
  {
    name: 'forgets everything when the site data is cleared mid-conversation, and keeps the next write',
    needs: ['wipe'],
    async run(s, check) {
      await s.storage.set('b:bot', { step: 1 });
      await s.wipe!();
      check.equal(await s.storage.get('b:bot'), undefined, 'the conversation after the site data was cleared');
      await s.storage.set('b:bot', { step: 2 });
      check.equal(await s.storage.get('b:bot'), { step: 2 }, 'the write after the site data was cleared');
    },
  },
  {
    name: 'refuses a write when the device is full, keeps what it had, and takes the next write once there is room',
    needs: ['fill'],
    async run(s, check) {
      await s.storage.set('b:bot', { step: 1 });
      const room = await s.fill!();
      let refused: string;
      try {
        refused = await outcome(s.storage.set('b:bot', { step: 2, text: 'x'.repeat(4096) }));
      } finally {
        await room();
      }
      check.equal(refused, 'refused: QuotaExceededError', 'a write on a full device');
      check.equal(await s.storage.get('b:bot'), { step: 1 }, 'the conversation after the refused write');
      await s.storage.set('b:bot', { step: 3 });
      check.equal(await s.storage.get('b:bot'), { step: 3 }, 'the write once there is room');
    },
  },
  {
    name: 'lets next release upgrade the data while it is open, and both carry on reading and writing the same conversation',
    needs: ['newer'],
    async run(s, check) {
      await s.storage.set('b:bot', { step: 1 });
      const newer = await s.newer!();
      check.equal(await newer.get('b:bot'), { step: 1 }, 'next release reads the conversation');
      await s.storage.set('b:bot', { step: 2 });
      check.equal(await newer.get('b:bot'), { step: 2 }, 'next release reads the older tab’s write');
      await newer.set('b:bot', { step: 3 });
      check.equal(await s.storage.get('b:bot'), { step: 3 }, 'the older tab reads next release’s write');
    },
  },
  {
    name: 'gives next release up rather than waiting for ever while an older tab never lets go, and lets it upgrade once that tab does',
    needs: ['newer', 'hold'],
    async run(s, check) {
      await s.storage.set('b:bot', { step: 1 });
      const letGo = await s.hold!();
      const clock = simClock();
      const blocked = outcome(s.newer!(clock));
      await clock.armed(s.blockedWait!);
      clock.advance(s.blockedWait! - 1);
      check.equal(await Promise.race([blocked, Promise.resolve('waiting')]), 'waiting', 'just before the wait ends');
      clock.advance(1);
      check.equal(await blocked, 'refused: blocked', 'once the wait ends');
      letGo();
      const newer = await s.newer!();
      check.equal(await newer.get('b:bot'), { step: 1 }, 'next release, once the older tab let go');
    },
  },
];

/** The cases an implementation whose subjects offer `hooks` must pass. */
export const casesFor = (hooks: Hook[]): StorageCase[] =>
  STORAGE_CONTRACT.filter((c) => c.needs.every((h) => hooks.includes(h)));
