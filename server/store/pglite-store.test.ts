import { describe, expect, it } from 'vitest';
import { makeDataDir } from '../test/temp-data-dir.ts';
import { openPgliteStore } from './pglite-store.ts';
import { runStoreContract } from './store.contract.ts';

runStoreContract('PGlite in a temporary DATA_DIR', async () => {
  const data = await makeDataDir();
  return { store: await openPgliteStore(data.dir), cleanup: data.remove };
});

describe('PGlite store files', () => {
  it('refuses a second store on a DATA_DIR that is open, and reopens it with its data once closed', async () => {
    const { dir, remove } = await makeDataDir();
    try {
      const first = await openPgliteStore(dir);
      await first.ensureOrg({ id: 'o_keep', name: 'Kept' });
      await expect(openPgliteStore(dir)).rejects.toThrow(/in use/);
      await first.close();
      const second = await openPgliteStore(dir);
      expect((await second.getOrg('o_keep'))!.name).toBe('Kept');
      expect(await second.schemaVersion()).toBeGreaterThanOrEqual(1);
      await second.close();
    } finally {
      await remove();
    }
  });
});
