import type { Logger } from 'pino';
import type { ResultsStore } from '../store/types.ts';
import type { BotSettingsSource } from '../visitor/bot-settings.ts';
import { jobId, QUEUES, type Job, type JobQueue } from './job-queue.ts';
import { webhookCalls } from './metrics.ts';
import { postWebhook, resultWebhookBody } from './webhook.ts';

/** A result.completed webhook's job: which result of which bot. */
interface ResultWebhookJob {
  b: string;
  r: string;
}

const OUTBOX_BATCH = 1_000;

/**
 * The owner's `result.completed` webhook, by the timer webhooks' machinery: the statement that completes a result
 * writes its outbox row (for bots with a webhook URL), a loop turns outbox rows into jobs in the transaction that
 * removes them, and pg-boss retries each signed call with backoff. A job's id is derived from the result id, and the
 * outbox row is written only by the one write that completes the result, so a result is queued once, across crashes
 * and instances. A call answered 2xx is recorded on the result and not made again; only one whose answer a crash
 * cut off before that record can come twice (receivers dedupe on `result.id`).
 */
export class ResultWebhooks {
  constructor(
    private readonly store: ResultsStore,
    private readonly jobs: JobQueue,
    private readonly settings: BotSettingsSource,
    private readonly log: Logger,
  ) {}

  /** Starts this instance's outbox dispatcher and webhook senders. */
  start(): void {
    this.jobs.loop('result-webhook-outbox', OUTBOX_BATCH, () => this.dispatchOutbox());
    this.jobs.work<ResultWebhookJob>(QUEUES.resultWebhook, 20, (jobs) => this.send(jobs));
  }

  private dispatchOutbox(): Promise<number> {
    return this.store.takeResultWebhooks(OUTBOX_BATCH, async (taken, tx) => {
      const jobs = taken.map((t) => ({
        name: QUEUES.resultWebhook,
        id: jobId(`result-webhook\n${t.resultId}`),
        data: { b: t.botId, r: t.resultId } satisfies ResultWebhookJob,
      }));
      await this.jobs.boss.insert(jobs as any, { db: tx } as any);
    });
  }

  private async send(batch: Job<ResultWebhookJob>[]): Promise<string[]> {
    const outcomes = await Promise.allSettled(
      batch.map(async (job) => {
        // Sent as the result is now: an erased result is not sent, and a webhook removed since is not called.
        // A job pg-boss runs again (its taker died after the call, or it expired while the call was slow) finds the
        // call answered and makes it no more: only a call the kill cut off before this mark can come twice.
        const found = await this.store.resultForWebhook(job.data.b, job.data.r);
        if (!found || found.sent) return;
        const bot = await this.settings(found.result.botId);
        if (!bot?.webhookUrl) return;
        await postWebhook(bot.webhookUrl, bot.webhookSecret ?? '', resultWebhookBody(found.result));
        await this.store.markResultWebhookSent(job.data.b, job.data.r, new Date());
      }),
    );
    const failed: string[] = [];
    outcomes.forEach((o, i) => {
      webhookCalls.inc({ result: o.status === 'fulfilled' ? 'ok' : 'failed' });
      if (o.status === 'rejected') {
        failed.push(batch[i].id);
        this.log.info({ err: o.reason, resultId: batch[i].data.r }, 'result webhook failed; it will be retried');
      }
    });
    return failed;
  }
}
