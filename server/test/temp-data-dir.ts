import { createHash } from 'node:crypto';
import { cp, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations } from '../store/migrate.ts';
import { openPgliteStore } from '../store/pglite-store.ts';

/**
 * A fresh DATA_DIR with an initialised, migrated PGlite inside. A PGlite initdb costs ~5 s, so the first call
 * builds a template (one per schema version) and every later one copies it, in any test process.
 */
export async function makeDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const template = await ensureTemplate();
  const dir = await mkdtemp(join(tmpdir(), 'chatlet-data-'));
  await cp(join(template, 'pglite'), join(dir, 'pglite'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function ensureTemplate(): Promise<string> {
  const migrations = await loadMigrations();
  const schema = createHash('sha256')
    .update(migrations.map((m) => m.sql).join('\n'))
    .digest('hex')
    .slice(0, 12);
  const template = join(tmpdir(), `chatlet-pglite-template-${schema}`);
  if (await exists(join(template, 'ready'))) return template;
  const building = await mkdtemp(join(tmpdir(), 'chatlet-template-build-'));
  const store = await openPgliteStore(building);
  await store.close();
  await writeFile(join(building, 'ready'), 'ok');
  // Another test process may have won the race; its template is as good as ours.
  await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  return template;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
