import { describe, expect, it } from 'vitest';
import { findPostgresBin, startPostgres, type PostgresServer } from '../test/postgres-server.ts';
import { openPgStore } from './pg-store.ts';
import { runStoreContract } from './store.contract.ts';

// CI sets REQUIRE_POSTGRES=1 after installing PostgreSQL, so there a missing server is a failure, not a skip.
const bin = await findPostgresBin();
const required = Boolean(process.env.REQUIRE_POSTGRES);

describe.runIf(required && !bin)('PostgreSQL for the store contract', () => {
  it('is installed when REQUIRE_POSTGRES is set', () => {
    expect(bin, 'no /usr/lib/postgresql/*/bin/pg_ctl; .ci/run installs the postgresql package').not.toBeNull();
  });
});

if (bin) {
  let server: PostgresServer | undefined;
  runStoreContract('PostgreSQL via pg', async () => {
    server = await startPostgres(bin);
    const store = await openPgStore(await server.newDatabase());
    return { store, cleanup: () => server!.stop() };
  });
}
