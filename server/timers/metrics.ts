import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '../metrics/registry.ts';

/** Timers delivered by this instance (each timer counts once, on the instance that fired it). */
export const timersFired = new Counter({
  name: 'chatlet_timers_fired_total',
  help: 'Long timers delivered by this instance',
  registers: [registry],
});

/** How late timers were when delivered: due time to commit. */
export const timerLateness = new Histogram({
  name: 'chatlet_timer_lateness_seconds',
  help: 'Due time to delivery of long timers',
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  registers: [registry],
});

/** Webhook calls by result: `ok`, or `failed` (to be retried by the job queue). */
export const webhookCalls = new Counter({
  name: 'chatlet_webhook_calls_total',
  help: 'Webhook calls by result',
  labelNames: ['result'],
  registers: [registry],
});

/** Event streams open on this instance, by kind (`visitor`, `manager`). */
export const openStreams = new Gauge({
  name: 'chatlet_event_streams',
  help: 'Event streams open on this instance',
  labelNames: ['kind'],
  registers: [registry],
});
