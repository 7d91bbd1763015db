import { postgresForTests, startPostgres, type PostgresServer } from '../test/postgres-server.ts';
import { makeDataDir } from '../test/temp-data-dir.ts';
import { openPgStore } from './pg-store.ts';
import { openPgliteStore } from './pglite-store.ts';
import { runVisitorStoreContract } from './visitor-store.contract.ts';

runVisitorStoreContract('PGlite in a temporary DATA_DIR', async () => {
  const data = await makeDataDir();
  return { store: await openPgliteStore(data.dir), cleanup: data.remove };
});

const bin = await postgresForTests('the visitor store contract on PostgreSQL');
if (bin) {
  let server: PostgresServer | undefined;
  runVisitorStoreContract('PostgreSQL via pg', async () => {
    server = await startPostgres(bin);
    return { store: await openPgStore(await server.newDatabase()), cleanup: () => server!.stop() };
  });
}
