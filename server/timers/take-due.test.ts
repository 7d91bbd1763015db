import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore } from '../store/pglite-store.ts';
import type { DueTimer, Store, TxSql } from '../store/types.ts';
import { makeDataDir } from '../test/temp-data-dir.ts';
import { DEFAULT_JOB_TUNING, JobQueue, QUEUES } from './job-queue.ts';
import type { TimerJob } from './timer-service.ts';

/**
 * The seam between the job queue and the timer store: the queue removes its own due rows (`takeDue`), the store
 * delivers what it is handed, in one transaction. Real pg-boss on PGlite.
 */
describe('due timers taken from the job queue into the timer store', () => {
  let store: Store;
  let jobs: JobQueue;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    const data = await makeDataDir();
    remove = data.remove;
    store = await openPgliteStore(data.dir);
    jobs = new JobQueue(store.driver, DEFAULT_JOB_TUNING, pino({ level: 'silent' }));
    await jobs.start();
  }, 60_000);

  afterAll(async () => {
    await jobs?.stop();
    await store?.close();
    await remove?.();
  });

  const timer = (t: string, dueAt: number): { id: string; data: TimerJob; startAfter: Date } => ({
    id: crypto.randomUUID(),
    data: { b: 'b_take', v: 'v_take', t, d: dueAt, e: { type: `t:${t}` } },
    startAfter: new Date(dueAt),
  });
  const claim = (tx: TxSql) =>
    jobs
      .takeDue<TimerJob>(QUEUES.timer, 100, tx)
      .then((taken) =>
        taken.map((j): DueTimer => ({ botId: j.b, visitorId: j.v, timerId: j.t, dueAt: j.d, event: j.e })),
      );
  const waiting = async () =>
    (
      await store.driver.executeSql(`SELECT data->>'t' AS t FROM pgboss.job WHERE name = $1 ORDER BY 1`, [QUEUES.timer])
    ).rows.map((r) => r.t);

  it('delivers each due timer once and leaves the ones not due, and a failed delivery leaves the due ones queued', async () => {
    const now = Date.now();
    const cancelled = timer('cancelled', now - 2_000);
    await jobs.insert(QUEUES.timer, [timer('due', now - 1_000), timer('later', now + 3_600_000), cancelled]);
    await jobs.cancel(QUEUES.timer, cancelled.id);

    await expect(
      store.fireDueTimers(async (tx) => {
        await claim(tx);
        throw new Error('delivery failed');
      }),
    ).rejects.toThrow('delivery failed');
    expect(await waiting()).toEqual(['cancelled', 'due', 'later']);

    const fired = await store.fireDueTimers(claim);
    expect(fired.map((d) => [d.ref, d.seq])).toEqual([['due', 1]]);
    expect(await waiting()).toEqual(['cancelled', 'later']);
    expect(await store.fireDueTimers(claim)).toEqual([]);
  });
});
