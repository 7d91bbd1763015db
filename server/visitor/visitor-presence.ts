import type { Logger } from 'pino';
import type { HandoffEvent, HandoffsStore } from '../store/types.ts';

/** Time for presence: injected, so tests move it by hand instead of sleeping through the grace period. */
export interface PresenceClock {
  now(): number;
  /** Runs `fn` after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** The real clock; its timers do not keep the process alive. */
export const systemClock: PresenceClock = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

/** How long a visitor's stream may stay closed before their handoffs say they left: a reload or a page change on the same site takes less. */
export const DEFAULT_LEAVE_GRACE_MS = 20_000;

export interface PresenceDeps {
  store: Pick<HandoffsStore, 'visitorArrived' | 'visitorLeft'>;
  /** Whether a stream of this visitor is open on this instance right now. */
  connected(botId: string, visitorId: string): boolean;
  /** Announces handoff events to every instance's manager streams. */
  announce(events: HandoffEvent[]): Promise<void>;
  /** Asks every instance holding a stream of this visitor to say so (the visitor may be connected elsewhere). */
  announceLeft(botId: string, visitorId: string): Promise<void>;
  log: Logger;
  graceMs?: number;
  clock?: PresenceClock;
}

/**
 * Whether visitors in an open handoff are still on the page, told by their event stream (the widget keeps
 * one open during a handoff). When this instance's last stream of a visitor closes, a grace timer starts;
 * if no stream of theirs opened since, here or on another instance (the store compares `visitor_seen_at`),
 * their open handoffs are marked left. A stream that opens again clears the mark. An instance that still
 * holds a stream of a visitor marked left by another (two tabs on two instances) clears it at once.
 */
export class VisitorPresence {
  private readonly pending = new Map<string, () => void>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly graceMs: number;
  private readonly clock: PresenceClock;

  constructor(private readonly deps: PresenceDeps) {
    this.graceMs = deps.graceMs ?? DEFAULT_LEAVE_GRACE_MS;
    this.clock = deps.clock ?? systemClock;
  }

  /** A stream of this visitor opened here: any pending leave is off, and their handoffs hear they are here. */
  arrived(botId: string, visitorId: string): Promise<void> {
    this.cancel(key(botId, visitorId));
    return this.run('arrival', () => this.deps.store.visitorArrived(botId, visitorId, new Date(this.clock.now())));
  }

  /** This instance's last stream of the visitor closed: after the grace period, unless it came back, they left. */
  departed(botId: string, visitorId: string): void {
    if (this.closed) return;
    const k = key(botId, visitorId);
    this.cancel(k);
    const closedAt = new Date(this.clock.now());
    const cancel = this.clock.after(this.graceMs, () => {
      this.pending.delete(k);
      if (this.deps.connected(botId, visitorId)) return;
      void this.run('leave', async () => {
        const events = await this.deps.store.visitorLeft(botId, visitorId, closedAt);
        if (events.length > 0) await this.deps.announceLeft(botId, visitorId);
        return events;
      });
    });
    this.pending.set(k, cancel);
  }

  /** Another instance marked this visitor left: if a stream of theirs is open here, they are not gone. */
  markedLeftElsewhere(botId: string, visitorId: string): void {
    if (this.deps.connected(botId, visitorId)) void this.arrived(botId, visitorId);
  }

  /** Leave checks waiting for their grace period to end, for tests. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Resolves once the arrivals and leaves being written are recorded and announced (tests wait on it). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Drops every pending check: streams ended by a shutdown are not visitors leaving. */
  close(): void {
    this.closed = true;
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }

  private cancel(k: string): void {
    this.pending.get(k)?.();
    this.pending.delete(k);
  }

  private run(what: string, change: () => Promise<HandoffEvent[]>): Promise<void> {
    const done = (async () => {
      try {
        const events = await change();
        if (events.length > 0) await this.deps.announce(events);
      } catch (err) {
        this.deps.log.warn({ err }, `visitor ${what} not recorded`);
      }
    })();
    this.inFlight.add(done);
    return done.finally(() => this.inFlight.delete(done));
  }
}

function key(botId: string, visitorId: string): string {
  return `${botId}\n${visitorId}`;
}
