import type { Logger } from 'pino';
import type { Delivery, TimersStore } from '../store/types.ts';
import type { BotSettingsSource } from '../visitor/bot-settings.ts';
import type { EventHub } from '../visitor/event-hub.ts';
import { jobId, QUEUES, type Job, type JobQueue } from './job-queue.ts';
import { timerLateness, timersFired, webhookCalls } from './metrics.ts';
import { systemClock, type Clock } from './clock.ts';
import { postWebhook, timerWebhookBody } from './webhook.ts';

/** A long timer's job data, kept short: there may be millions of these rows. */
export interface TimerJob {
  b: string;
  v: string;
  t: string;
  /** Due time, ms since epoch. */
  d: number;
  e: Record<string, unknown>;
}

interface WebhookJob {
  deliveryId: number;
}

const OUTBOX_BATCH = 1_000;

/**
 * Long timers. Each is one pg-boss job that starts after its due time, so a timer of months costs a row,
 * not a `setTimeout`, and its id is derived from bot, visitor and timer id, so registering it again is a
 * no-op and DELETE cancels it. Due timers are not fetched and completed one by one: a loop claims a burst
 * with SKIP LOCKED and, in the same transaction, the job queue deletes the jobs and the store delivers each
 * timer at most once and writes the webhook outbox, in two statements. That is what lets 100,000 timers due at once drain in seconds, and a crash at
 * any point fires nothing twice and loses nothing. The outbox becomes signed webhook jobs (retried by pg-boss).
 */
export class TimerService {
  private readonly firedListeners = new Set<(deliveries: Delivery[]) => void>();

  constructor(
    private readonly store: TimersStore,
    private readonly jobs: JobQueue,
    private readonly hub: EventHub,
    private readonly settings: BotSettingsSource,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Registers a timer; false when this visitor already registered (or was already delivered) that timer id. */
  async schedule(
    botId: string,
    visitorId: string,
    timerId: string,
    dueAt: number,
    event: Record<string, unknown>,
  ): Promise<boolean> {
    // A fired timer's job is gone, so a reload's PUT would make a new one; the delivery says it already fired.
    if (await this.store.timerDelivered(botId, visitorId, timerId)) return false;
    const data: TimerJob = { b: botId, v: visitorId, t: timerId, d: dueAt, e: event };
    return this.jobs.send(QUEUES.timer, {
      id: timerJobId(botId, visitorId, timerId),
      data,
      startAfter: new Date(dueAt),
    });
  }

  /** Cancels a pending timer; a fired or unknown one is left alone. */
  cancel(botId: string, visitorId: string, timerId: string): Promise<void> {
    return this.jobs.cancel(QUEUES.timer, timerJobId(botId, visitorId, timerId));
  }

  /** Starts this instance's timer loops, the outbox dispatcher and the webhook senders. */
  start(): void {
    const batch = this.jobs.tuning.timerBatch;
    for (let i = 0; i < this.jobs.tuning.timerLoops; i++) this.jobs.loop('timers', batch, () => this.fireDue(batch));
    this.jobs.loop('webhook-outbox', OUTBOX_BATCH, () => this.dispatchOutbox());
    this.jobs.work<WebhookJob>(QUEUES.webhook, 20, (jobs) => this.sendWebhooks(jobs));
  }

  /** Calls `fn` with every batch of deliveries this instance makes (benchmarks and tests watch lateness). */
  onFired(fn: (deliveries: Delivery[]) => void): () => void {
    this.firedListeners.add(fn);
    return () => this.firedListeners.delete(fn);
  }

  private async fireDue(limit: number): Promise<number> {
    const delivered = await this.store.fireDueTimers(async (tx) =>
      (await this.jobs.takeDue<TimerJob>(QUEUES.timer, limit, tx)).map((j) => ({
        botId: j.b,
        visitorId: j.v,
        timerId: j.t,
        dueAt: j.d,
        event: j.e,
      })),
    );
    if (delivered.length === 0) return 0;
    await this.hub.visitorsChanged(delivered);
    const now = this.clock.now();
    timersFired.inc(delivered.length);
    for (const d of delivered) if (d.dueAt) timerLateness.observe(Math.max(0, now - d.dueAt.getTime()) / 1000);
    for (const fn of this.firedListeners) fn(delivered);
    return delivered.length;
  }

  /** Turns outbox rows into webhook jobs for bots that have a webhook, and drops the rest, atomically. */
  private async dispatchOutbox(): Promise<number> {
    const bots = await this.store.webhookOutboxBots(100);
    if (bots.length === 0) return 0;
    // Settings are read before the transaction: on PGlite a read from outside it would wait for it.
    const withHook = new Set<string>();
    for (const botId of bots) if ((await this.settings(botId).catch(() => null))?.webhookUrl) withHook.add(botId);
    return this.store.takeWebhookOutbox(bots, OUTBOX_BATCH, async (taken, tx) => {
      const jobs = taken
        .filter((t) => withHook.has(t.botId))
        .map((t) => ({
          name: QUEUES.webhook,
          id: jobId(`webhook\n${t.deliveryId}`),
          data: { deliveryId: t.deliveryId },
        }));
      if (jobs.length) await this.jobs.boss.insert(jobs as any, { db: tx } as any);
    });
  }

  private async sendWebhooks(batch: Job<WebhookJob>[]): Promise<string[]> {
    const results = await Promise.allSettled(
      batch.map(async (job) => {
        const delivery = await this.store.getDelivery(job.data.deliveryId);
        if (!delivery) return;
        const bot = await this.settings(delivery.botId);
        // A webhook removed since the timer fired is not called.
        if (!bot?.webhookUrl) return;
        await postWebhook(bot.webhookUrl, bot.webhookSecret ?? '', timerWebhookBody(delivery));
      }),
    );
    const failed: string[] = [];
    results.forEach((r, i) => {
      webhookCalls.inc({ result: r.status === 'fulfilled' ? 'ok' : 'failed' });
      if (r.status === 'rejected') {
        failed.push(batch[i].id);
        this.log.info({ err: r.reason, deliveryId: batch[i].data.deliveryId }, 'webhook failed; it will be retried');
      }
    });
    return failed;
  }
}

/** The job id of a visitor's timer. */
export function timerJobId(botId: string, visitorId: string, timerId: string): string {
  return jobId(`timer\n${botId}\n${visitorId}\n${timerId}`);
}
