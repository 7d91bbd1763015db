/**
 * The visitor-timers facet of the store: each visitor's inbox of deliveries (timer firings and handoff events, numbered
 * per visitor), the due-timer claim and the webhook outbox. Implemented once over SQL (`sql-timer-store.ts`) and held
 * to `timer-store.contract.ts` on both drivers.
 */

export type DeliveryKind = 'timer' | 'handoff';

/** One firing or handoff event in a visitor's inbox. `seq` is the stream id, monotonic per bot and visitor. */
export interface Delivery {
  /** Global, unique: webhooks carry it as `deliveryId`. */
  id: number;
  botId: string;
  visitorId: string;
  seq: number;
  kind: DeliveryKind;
  /** The timer id or the handoff id. */
  ref: string;
  event: Record<string, unknown>;
  dueAt: Date | null;
  createdAt: Date;
}

export interface NewDelivery {
  botId: string;
  visitorId: string;
  kind: DeliveryKind;
  ref: string;
  event: Record<string, unknown>;
  dueAt?: Date | null;
}

/** A transaction's SQL, in pg-boss's adapter shape, so jobs can be queued atomically with a change. */
export interface TxSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** A timer the job queue found due, as the store delivers it. */
export interface DueTimer {
  botId: string;
  visitorId: string;
  timerId: string;
  /** Due time, ms since epoch. */
  dueAt: number;
  event: Record<string, unknown>;
}

/** Timers that fired and what the visitor has been sent: the inbox half of the visitor side. */
export interface TimersStore {
  /** Appends deliveries, numbering each in its visitor's inbox. */
  appendDeliveries(items: NewDelivery[]): Promise<Delivery[]>;
  /**
   * Delivers the timers `claim` takes, in one transaction with the claim: `claim(tx)` removes due jobs from the job
   * queue through `tx` (the queue's own SQL; the store never names its tables) and returns them; each timer is then
   * delivered at most once ever, numbered by due time in its visitor's inbox, and the deliveries of bots that have a
   * webhook URL go to the webhook outbox. A crash before commit leaves the jobs for any instance; after it, nothing
   * can fire twice.
   */
  fireDueTimers(claim: (tx: TxSql) => Promise<DueTimer[]>): Promise<Delivery[]>;
  /** Up to `limit` outbox entries of bots in `botIds` are removed and returned, claimed with SKIP LOCKED. */
  takeWebhookOutbox(
    botIds: string[],
    limit: number,
    within: (taken: { deliveryId: number; botId: string }[], tx: TxSql) => Promise<void>,
  ): Promise<number>;
  /** Bots that have deliveries waiting in the webhook outbox. */
  webhookOutboxBots(limit: number): Promise<string[]>;
  /** The visitor's unacknowledged deliveries with `seq > after`, oldest first. */
  pendingDeliveries(botId: string, visitorId: string, after: number, limit: number): Promise<Delivery[]>;
  /** Marks every delivery up to `upTo` acknowledged; never moves backwards or past the last one. */
  acknowledge(botId: string, visitorId: string, upTo: number): Promise<void>;
  getDelivery(id: number): Promise<Delivery | null>;
  /** The bots and visitors with deliveries whose global id is in [from, to]: what a burst touched. */
  deliveryKeysBetween(from: number, to: number): Promise<{ botId: string; visitorId: string }[]>;
  /** True when this visitor's timer has been delivered (a PUT of it again is then a no-op). */
  timerDelivered(botId: string, visitorId: string, timerId: string): Promise<boolean>;
}
