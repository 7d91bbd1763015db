import type { Logger } from 'pino';
import type { ResultsStore, StoreDriver } from '../store/types.ts';
import type { Clock } from './clock.ts';
import { jobId, QUEUES, type JobQueue } from './job-queue.ts';

/** Days a bot's results are kept when its scenario's `settings.results.retentionDays` says nothing. */
export const DEFAULT_RETENTION_DAYS = 90;

const DAY = 86_400_000;
/** How often results are swept: one job per hour of the server's clock. */
export const RETENTION_EVERY_MS = 3_600_000;

/**
 * Deletes each bot's results last updated more than its `retentionDays` ago (default 90). The sweep is a pg-boss job
 * per hour (id derived from the hour, so every instance schedules the same one and exactly one takes it), due by
 * the server's clock, so a simulated clock drives it in tests. At each hour every instance makes sure the next
 * hour's job exists before taking the due one: a crash loses at most one sweep, and the next hour's catches up.
 * A sweep run twice deletes nothing more, so a job taken again after a crash does no harm.
 */
export class ResultsRetention {
  private nextCheck = 0;
  private readonly sweptListeners = new Set<(deleted: number) => void>();

  constructor(
    private readonly store: ResultsStore,
    private readonly driver: StoreDriver,
    private readonly jobs: JobQueue,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  /** Starts this instance's loop, which looks for a due sweep once an hour (after `scheduleNext` at start-up). */
  start(): void {
    this.jobs.loop('results-retention', 1, () => this.step());
  }

  /** Calls `fn` with how many results each sweep this instance runs deleted (tests watch it). */
  onSwept(fn: (deleted: number) => void): () => void {
    this.sweptListeners.add(fn);
    return () => this.sweptListeners.delete(fn);
  }

  /** Deletes what is past retention now, bot by bot; resolves to how many results went. */
  async sweep(now = this.clock.now()): Promise<number> {
    let deleted = 0;
    for (const { botId, retentionDays } of await this.store.resultRetention()) {
      const before = new Date(now - (retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY);
      deleted += await this.store.deleteResultsBefore(botId, before);
    }
    return deleted;
  }

  private async step(): Promise<number> {
    if (this.clock.now() < this.nextCheck) return 0;
    await this.scheduleNext();
    const due = await this.jobs.takeDue(QUEUES.resultsRetention, 10, {
      executeSql: (text, values) => this.driver.executeSql(text, values),
    });
    if (due.length === 0) return 0;
    const deleted = await this.sweep();
    this.log.info({ deleted }, 'results retention sweep');
    for (const fn of this.sweptListeners) fn(deleted);
    return 0;
  }

  /** Makes sure the job of the next hour exists (sending it again is harmless) and looks again at that hour. */
  async scheduleNext(): Promise<void> {
    const hour = Math.floor(this.clock.now() / RETENTION_EVERY_MS) + 1;
    await this.jobs.send(QUEUES.resultsRetention, {
      id: jobId(`results-retention\n${hour}`),
      data: { hour },
      startAfter: new Date(hour * RETENTION_EVERY_MS),
    });
    // The queue takes a job once the clock is past its start, so look a millisecond after it.
    this.nextCheck = hour * RETENTION_EVERY_MS + 1;
  }
}
