import type { Logger } from 'pino';
import type { Store } from '../store/types.ts';
import type { Delivery, DueTimer } from '../store/visitor-types.ts';
import type { BotSettingsSource } from '../visitor/bot-settings.ts';
import type { EventHub } from '../visitor/event-hub.ts';
import { jobId, QUEUES, type Job, type JobQueue } from './job-queue.ts';
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

/**
 * Long timers: each is one pg-boss job that starts after its due time, so a timer of months costs a row,
 * not a `setTimeout`. Its id is derived from bot, visitor and timer id, so registering it again is a no-op.
 * When jobs come due, a batch is delivered in one transaction (each timer at most once, whatever retries
 * a crash causes), streams are kicked, and a signed webhook job is queued for bots that have one.
 */
export class TimerService {
  private readonly firedListeners = new Set<(deliveries: Delivery[]) => void>();

  constructor(
    private readonly store: Store,
    private readonly jobs: JobQueue,
    private readonly hub: EventHub,
    private readonly settings: BotSettingsSource,
    private readonly log: Logger,
  ) {}

  /** Registers a timer; false when this visitor already registered that timer id. */
  schedule(botId: string, visitorId: string, timerId: string, dueAt: number, event: Record<string, unknown>): Promise<boolean> {
    const data: TimerJob = { b: botId, v: visitorId, t: timerId, d: dueAt, e: event };
    return this.jobs.send(QUEUES.timer, { id: timerJobId(botId, visitorId, timerId), data, startAfter: new Date(dueAt) });
  }

  /** Cancels a pending timer; a fired or unknown one is left alone. */
  cancel(botId: string, visitorId: string, timerId: string): Promise<void> {
    return this.jobs.cancel(QUEUES.timer, timerJobId(botId, visitorId, timerId));
  }

  /** Starts this instance's timer and webhook loops. */
  start(): void {
    for (let i = 0; i < this.jobs.tuning.timerLoops; i++) {
      this.jobs.work<TimerJob>(QUEUES.timer, this.jobs.tuning.timerBatch, (batch) => this.fire(batch));
    }
    this.jobs.work<WebhookJob>(QUEUES.webhook, 20, (batch) => this.sendWebhooks(batch));
  }

  /** Calls `fn` with every batch of deliveries this instance makes (benchmarks and tests watch lateness). */
  onFired(fn: (deliveries: Delivery[]) => void): () => void {
    this.firedListeners.add(fn);
    return () => this.firedListeners.delete(fn);
  }

  private async fire(batch: Job<TimerJob>[]): Promise<string[]> {
    const timers: DueTimer[] = batch.map(({ data: t }) => ({ botId: t.b, visitorId: t.v, timerId: t.t, dueAt: new Date(t.d), event: t.e }));
    const { delivered, already } = await this.store.visitor.deliverTimers(timers);
    await this.hub.visitorsChanged(delivered);
    // Webhook jobs have ids derived from the delivery, so a batch retried after a crash queues none twice.
    const hooks = [];
    for (const d of [...delivered, ...already]) {
      const bot = await this.settings(d.botId).catch(() => null);
      if (bot?.webhookUrl) hooks.push({ id: jobId(`webhook\n${d.id}`), data: { deliveryId: d.id } });
    }
    await this.jobs.insert(QUEUES.webhook, hooks);
    if (delivered.length) for (const fn of this.firedListeners) fn(delivered);
    return [];
  }

  private async sendWebhooks(batch: Job<WebhookJob>[]): Promise<string[]> {
    const results = await Promise.allSettled(
      batch.map(async (job) => {
        const delivery = await this.store.visitor.getDelivery(job.data.deliveryId);
        if (!delivery) return;
        const bot = await this.settings(delivery.botId);
        // A webhook removed since the timer fired is not called.
        if (!bot?.webhookUrl) return;
        await postWebhook(bot.webhookUrl, bot.webhookSecret ?? '', timerWebhookBody(delivery));
      }),
    );
    const failed: string[] = [];
    results.forEach((r, i) => {
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
