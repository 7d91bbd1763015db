import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests, startPostgres, type PostgresServer } from '../test/postgres-server.ts';
import { openPgStore } from '../store/pg-store.ts';
import { DEFAULT_JOB_TUNING, JobQueue, QUEUES } from './job-queue.ts';

const bin = await postgresForTests('the job queue on PostgreSQL');

if (bin) {
  describe('job queue start-up on PostgreSQL', () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await startPostgres(bin);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it.each([1, 2, 3])(
      'starts eight instances at once on a fresh database, each with every queue, none failing (round %i)',
      async () => {
        // Scale-out: instances started together race to create pg-boss's schema and queues
        // (a deadlock here once failed a two-instance start). Eight, three times, make the race likelier.
        const url = await server.newDatabase();
        const stores = await Promise.all(Array.from({ length: 8 }, () => openPgStore(url)));
        const queues = stores.map((s) => new JobQueue(s.driver, DEFAULT_JOB_TUNING, pino({ level: 'silent' })));
        try {
          // As in the server, an instance polls for due jobs as soon as it has started, while others are still starting.
          const started = await Promise.allSettled(
            queues.map((q) =>
              q.start().then(() => Object.values(QUEUES).forEach((name) => q.work(name, 100, async () => []))),
            ),
          );
          expect(started.filter((r) => r.status === 'rejected')).toEqual([]);
          for (const q of queues) {
            for (const name of Object.values(QUEUES)) expect(await q.boss.getQueue(name), name).toMatchObject({ name });
          }
          // One set of queues, not one per instance.
          const { rows } = await stores[0].driver.executeSql(`SELECT name FROM pgboss.queue ORDER BY name`, []);
          expect(rows.map((r: any) => r.name)).toEqual(Object.values(QUEUES).sort());
        } finally {
          await Promise.all(queues.map((q) => q.stop()));
          await Promise.all(stores.map((s) => s.close()));
        }
      },
      60_000,
    );
  });
}
