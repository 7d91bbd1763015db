import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { StoreDriver, TxSql } from '../store/types.ts';
import { systemClock, type Clock } from './clock.ts';

/** The durable queues; their jobs live in the database (`pgboss` schema), never in this process. */
export const QUEUES = {
  timer: 'chatlet-timer',
  webhook: 'chatlet-webhook',
  handoffTimeout: 'chatlet-handoff-timeout',
  /** A completed result's `result.completed` webhook (results-webhooks.ts). */
  resultWebhook: 'chatlet-result-webhook',
  /** The hourly retention sweep of results (results-retention.ts): one job per hour, taken by one instance. */
  resultsRetention: 'chatlet-results-retention',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss's job table (schema `pgboss`, the default), where jobs wait until they are due. */
const JOB_TABLE = 'pgboss.job';

/** How hard the job loops work; the defaults suit production, tests shorten the waits. */
export interface JobTuning {
  /** How often an idle loop asks for due jobs. */
  pollMs: number;
  /** Timers delivered per statement. */
  timerBatch: number;
  /** Concurrent timer loops in this instance. */
  timerLoops: number;
  /** A job taken by a process that died is retried after this long (pg-boss expiration). */
  expireSeconds: number;
  /** How often pg-boss looks for expired jobs. */
  maintenanceSeconds: number;
  /** Webhook attempts after the first, with exponential backoff from `webhookRetryDelaySeconds`. */
  webhookRetries: number;
  webhookRetryDelaySeconds: number;
}

export const DEFAULT_JOB_TUNING: JobTuning = {
  pollMs: 250,
  timerBatch: 5_000,
  timerLoops: 2,
  expireSeconds: 60,
  maintenanceSeconds: 30,
  webhookRetries: 8,
  webhookRetryDelaySeconds: 5,
};

export interface Job<T> {
  id: string;
  data: T;
}

/**
 * pg-boss over the store's own connection (a pool on PostgreSQL, the PGlite instance embedded), plus the
 * drain loops. pg-boss claims jobs with FOR UPDATE SKIP LOCKED, so instances sharing a database never
 * take the same job; a job whose taker died is retried once it expires.
 */
export class JobQueue {
  readonly boss: PgBoss;
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();

  constructor(
    driver: StoreDriver,
    readonly tuning: JobTuning,
    private readonly log: Logger,
    /** Says which timers are due and times start-up retries. The loops' polling stays on real time: it is how often to look, not when anything is due. */
    readonly clock: Clock = systemClock,
  ) {
    this.boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => driver.executeSql(text, values) as any },
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: tuning.maintenanceSeconds,
    } as any);
    this.boss.on('error', (err: unknown) => this.log.warn({ err }, 'job queue error'));
  }

  /** Installs or migrates the pg-boss schema (serialised by its advisory lock) and creates the queues. */
  async start(): Promise<void> {
    // Instances starting together on one PostgreSQL race creating pg-boss's schema; the loser retries and finds it made.
    await this.raced(
      'job queue start',
      5,
      200,
      () => this.boss.start(),
      () => this.boss.stop({ graceful: false, close: false } as any),
    );
    const common = { expireInSeconds: this.tuning.expireSeconds, retentionMinutes: 60 * 24 * 14 };
    await this.ensureQueue(QUEUES.timer, { ...common, retryLimit: 50, retryDelay: 1, retryBackoff: true });
    await this.ensureQueue(QUEUES.handoffTimeout, { ...common, retryLimit: 50, retryDelay: 1, retryBackoff: true });
    const webhooks = {
      ...common,
      retryLimit: this.tuning.webhookRetries,
      retryDelay: this.tuning.webhookRetryDelaySeconds,
      retryBackoff: true,
    };
    await this.ensureQueue(QUEUES.webhook, webhooks);
    await this.ensureQueue(QUEUES.resultWebhook, webhooks);
    await this.ensureQueue(QUEUES.resultsRetention, common);
  }

  /**
   * Creates the queue if it is missing, then sets its options. Instances starting together on one
   * PostgreSQL race here: creating a queue creates a partition table, and two at once may deadlock
   * (PostgreSQL aborts one) or find the other's queue half made. The loser looks again shortly.
   */
  private async ensureQueue(name: QueueName, options: Record<string, unknown>): Promise<void> {
    await this.raced(`queue ${name}`, 6, 100, async () => {
      if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, options as any);
      await this.boss.updateQueue(name, options as any);
    });
  }

  /**
   * Runs a start-up step that instances starting together on one PostgreSQL may race on (creating a
   * queue creates a partition table: two at once may deadlock, and PostgreSQL aborts one, or find the
   * other's half made). The loser undoes what it began, waits a little longer each time, and tries again.
   */
  private async raced(
    what: string,
    attempts: number,
    delayMs: number,
    step: () => Promise<unknown>,
    undo?: () => Promise<unknown>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await step();
        return;
      } catch (err) {
        if (attempt >= attempts) throw err;
        this.log.info({ err, attempt }, `${what} raced another instance; retrying`);
        await undo?.().catch(() => undefined);
        await new Promise<void>((r) => this.clock.setTimeout(r, delayMs * attempt + Math.random() * delayMs));
      }
    }
  }

  /** Inserts jobs; a job whose id exists already is left as it is, so sending twice is harmless. */
  async insert(queue: QueueName, jobs: { id: string; data: object; startAfter?: Date }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(jobs.map((j) => ({ name: queue, id: j.id, data: j.data, startAfter: j.startAfter })) as any);
  }

  /** Inserts one job; true when it was new. */
  async send(queue: QueueName, job: { id: string; data: object; startAfter?: Date }): Promise<boolean> {
    const id = await this.boss.send(queue, job.data, { id: job.id, startAfter: job.startAfter });
    return id !== null;
  }

  async cancel(queue: QueueName, id: string): Promise<void> {
    await this.boss.cancel(queue, id).catch((err: unknown) => this.log.debug({ err }, 'cancel: no such job'));
  }

  /**
   * Removes up to `limit` due jobs of `queue` (created or retrying, start time passed by the clock's time, not the
   * database's, so a simulated clock decides what is due) and returns their data, through
   * `tx`, so the caller's work and the removal commit together or not at all. Claimed with SKIP LOCKED, so loops on
   * several instances take disjoint jobs. This is the only SQL outside pg-boss that reads its tables: the job queue
   * owns them, and the timer store gets only the data.
   */
  async takeDue<T>(queue: QueueName, limit: number, tx: TxSql): Promise<T[]> {
    const { rows } = await tx.executeSql(
      `DELETE FROM ${JOB_TABLE} j
       WHERE j.name = $1 AND j.id = ANY(ARRAY(
         SELECT id FROM ${JOB_TABLE} WHERE name = $1 AND state IN ('created', 'retry') AND start_after < $3
         ORDER BY start_after LIMIT $2 FOR UPDATE SKIP LOCKED))
       RETURNING j.data`,
      [queue, limit, new Date(this.clock.now())],
    );
    return rows.map((r) => r.data as T);
  }

  /**
   * Runs `handle` on batches of due jobs until stopped. A full batch is followed at once by the next, so a
   * burst drains at database speed; an empty one waits `pollMs`. `handle` returns the ids that failed.
   */
  work<T>(queue: QueueName, batchSize: number, handle: (jobs: Job<T>[]) => Promise<string[]>): void {
    const loop = async () => {
      while (!this.stopping) {
        let jobs: Job<T>[] = [];
        try {
          jobs = (await this.boss.fetch<T>(queue, { batchSize, priority: false } as any)) ?? [];
          if (jobs.length > 0) {
            const failed = new Set(await handle(jobs));
            const done = jobs.filter((j) => !failed.has(j.id)).map((j) => j.id);
            if (done.length) await this.boss.complete(queue, done);
            if (failed.size) await this.boss.fail(queue, [...failed]);
          }
        } catch (err) {
          this.log.error({ err, queue }, 'job batch failed; it will be retried');
          if (jobs.length)
            await this.boss
              .fail(
                queue,
                jobs.map((j) => j.id),
              )
              .catch(() => undefined);
        }
        if (jobs.length < batchSize && !this.stopping) await this.sleep(this.tuning.pollMs);
      }
    };
    this.loops.push(loop());
  }

  /**
   * Runs `step` until stopped: at once again while it reports a full batch (`>= batchSize` items), else
   * after `pollMs`. For work that claims its own rows (timers, the webhook outbox) in one statement.
   */
  loop(name: string, batchSize: number, step: () => Promise<number>): void {
    const run = async () => {
      while (!this.stopping) {
        let n = 0;
        try {
          n = await step();
        } catch (err) {
          this.log.error({ err, loop: name }, 'job loop step failed; retrying');
        }
        if (n < batchSize && !this.stopping) await this.sleep(this.tuning.pollMs);
      }
    };
    this.loops.push(run());
  }

  /** Stops the loops after their current batch, then pg-boss. Jobs not taken stay in the database. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await Promise.all(this.loops);
    await this.boss.stop({ graceful: false, close: false, wait: true } as any).catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }
}

/** A stable job id (a UUID pg-boss accepts) for a key, so the same timer or webhook is one job however often sent. */
export function jobId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
