import { postgresForTests, startPostgres, type PostgresServer } from '../test/postgres-server.ts';
import { openPgStore } from './pg-store.ts';
import { runStoreContract } from './store.contract.ts';

const bin = await postgresForTests('the store contract on PostgreSQL');

if (bin) {
  let server: PostgresServer | undefined;
  runStoreContract('PostgreSQL via pg', async () => {
    server = await startPostgres(bin);
    const store = await openPgStore(await server.newDatabase());
    return { store, cleanup: () => server!.stop() };
  });
}
