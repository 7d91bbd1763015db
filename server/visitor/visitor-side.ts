import type { Router } from 'express';
import type { Logger } from 'pino';
import { HandoffService } from '../handoff/handoff-service.ts';
import { managerRouter } from '../handoff/manager-router.ts';
import type { Store } from '../store/types.ts';
import { DEFAULT_JOB_TUNING, JobQueue, type JobTuning } from '../timers/job-queue.ts';
import { ResultsRetention } from '../timers/results-retention.ts';
import { ResultWebhooks } from '../timers/results-webhooks.ts';
import { TimerService } from '../timers/timer-service.ts';
import { systemClock, type Clock } from '../timers/clock.ts';
import { botSettingsSource, type BotSettingsSource } from './bot-settings.ts';
import { EventHub } from './event-hub.ts';
import type { PresenceClock } from './visitor-presence.ts';
import { resultsRouter } from './results-router.ts';
import { resultsSettingsSource } from './results-settings.ts';
import { visitorRouter } from './visitor-router.ts';
import { newTokenSecret, TOKEN_SECRET_NAME, VisitorTokens } from './visitor-token.ts';

export interface VisitorSideOptions {
  store: Store;
  log: Logger;
  bodyLimitBytes: number;
  jobs?: Partial<JobTuning>;
  /** The clock long timers are due by; the system's unless a test simulates one. */
  clock?: Clock;
  /** Replaces the store's bot settings (tests point webhooks at a local receiver). */
  botSettings?: BotSettingsSource;
  sseHeartbeatMs?: number;
  /** The grace period after which a visitor whose stream closed counts as gone, and the clock it runs on. */
  presence?: { graceMs?: number; clock?: PresenceClock };
  /** False with RATE_LIMITS=off (load tests, tests that make thousands of calls from one address). */
  rateLimits?: boolean;
}

/** The running visitor side: its routers, and the parts tests and benchmarks look at. */
export interface VisitorSide {
  visitorRouter: Router;
  managerRouter: Router;
  hub: EventHub;
  timers: TimerService;
  handoffs: HandoffService;
  /** The hourly sweep that deletes results past their bot's retention. */
  retention: ResultsRetention;
  jobs: JobQueue;
  /** Ends the event streams so the HTTP server can close; clients resume elsewhere with Last-Event-ID. */
  endStreams(): Promise<void>;
  /** Stops the job loops; jobs not yet taken wait in the database for any instance. */
  close(): Promise<void>;
}

/** Starts what a published bot calls home for: the job queue and its loops, the event hub, and the routers. */
export async function startVisitorSide(options: VisitorSideOptions): Promise<VisitorSide> {
  const { store } = options;
  const log = options.log.child({ part: 'visitor' });
  const settings = options.botSettings ?? botSettingsSource(store);
  const tokens = new VisitorTokens(await store.secret(TOKEN_SECRET_NAME, newTokenSecret));
  const hub = new EventHub(store, log, options.sseHeartbeatMs, options.presence);
  await hub.start();
  const clock = options.clock ?? systemClock;
  const jobs = new JobQueue(store.driver, { ...DEFAULT_JOB_TUNING, ...options.jobs }, log, clock);
  const retention = new ResultsRetention(store, store.driver, jobs, log, clock);
  try {
    await jobs.start();
    await retention.scheduleNext();
  } catch (err) {
    await hub.close();
    throw err;
  }
  const timers = new TimerService(store, jobs, hub, settings, log, clock);
  const handoffs = new HandoffService(store, jobs, hub, log);
  timers.start();
  handoffs.start();
  new ResultWebhooks(store, jobs, settings, log).start();
  retention.start();
  return {
    visitorRouter: visitorRouter({
      tokens: () => tokens,
      settings,
      timers,
      handoffs,
      hub,
      acknowledge: (botId, visitorId, upTo) => store.acknowledge(botId, visitorId, upTo),
      bodyLimitBytes: options.bodyLimitBytes,
      rateLimits: options.rateLimits ?? true,
      results: resultsRouter({
        tokens: () => tokens,
        settings,
        results: resultsSettingsSource(store),
        store,
        clock,
        rateLimits: options.rateLimits ?? true,
      }),
    }),
    managerRouter: managerRouter({ handoffs, hub, store }),
    hub,
    timers,
    handoffs,
    retention,
    jobs,
    endStreams: () => hub.close(),
    close: () => jobs.stop(),
  };
}
