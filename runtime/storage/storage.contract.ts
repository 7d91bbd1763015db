/**
 * The behaviour every runtime `Storage` must have, whatever keeps the data. `storage.test.ts` runs
 * it on the in-memory storage and on the IndexedDB storage (in Node through fake-indexeddb), so the
 * fallback a visitor gets when IndexedDB says no behaves like the real thing.
 */
import { describe, expect, it } from 'vitest';
import type { Storage } from './types.ts';

/** A saved conversation's shape in small: what the host writes under `b:<bot id>`. */
const RECORD = {
  h: 'v1',
  s: { status: 'active', value: { ask: 'name' }, context: { v: { name: 'Dana', n: 3, ok: true, none: null } } },
  p: [{ f: 's', x: 'The bot changed' }],
  o: true,
};

/** Registers the storage contract tests for one implementation; `make` gives a fresh, empty storage. */
export function runStorageContract(name: string, make: () => Promise<Storage>): void {
  describe(`Storage contract: ${name}`, () => {
    it('reads a key that was never written as undefined', async () => {
      const st = await make();
      expect(await st.get('b:never')).toBeUndefined();
    });

    it('reads back a saved conversation equal to what was written', async () => {
      const st = await make();
      await st.set('b:bot', RECORD);
      expect(await st.get('b:bot')).toEqual(RECORD);
    });

    it('replaces a value written again under the same key', async () => {
      const st = await make();
      await st.set('vid', 'first');
      await st.set('vid', 'second');
      expect(await st.get('vid')).toBe('second');
    });

    it('keeps keys apart: one bot does not see another bot or the visitor id', async () => {
      const st = await make();
      await Promise.all([st.set('vid', 'abc'), st.set('b:one', { n: 1 }), st.set('b:two', { n: 2 })]);
      expect([await st.get('vid'), await st.get('b:one'), await st.get('b:two')]).toEqual(['abc', { n: 1 }, { n: 2 }]);
    });

    it('applies writes made without waiting in the order they were made, so the last one wins', async () => {
      const st = await make();
      const writes = Array.from({ length: 20 }, (_, i) => st.set('b:bot', { step: i }));
      await Promise.all(writes);
      expect(await st.get('b:bot')).toEqual({ step: 19 });
    });

    it('sees a write that is still under way when the read is made after it', async () => {
      const st = await make();
      void st.set('b:bot', { step: 1 });
      expect(await st.get('b:bot')).toEqual({ step: 1 });
    });

    it('stores a copy: changing the written object or the one read back changes nothing stored', async () => {
      const st = await make();
      const rec = structuredClone(RECORD);
      await st.set('b:bot', rec);
      rec.p.push({ f: 's', x: 'added after the write' });
      const read = await st.get<typeof RECORD>('b:bot');
      expect(read).toEqual(RECORD);
      read!.s.context.v.name = 'changed by the reader';
      expect(await st.get('b:bot')).toEqual(RECORD);
    });
  });
}
