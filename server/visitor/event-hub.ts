import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Delivery, HandoffEvent, HandoffsStore, StoreConnection, TimersStore } from '../store/types.ts';
import { openStreams } from '../timers/metrics.ts';
import { SseStream, type SseItem } from './sse-stream.ts';
import { VisitorPresence, type PresenceClock } from './visitor-presence.ts';

/** The one NOTIFY channel; payloads name what changed, never carry it (streams read rows themselves). */
export const EVENTS_CHANNEL = 'chatlet_events';
// NOTIFY payloads must stay under 8000 bytes.
const MAX_PAYLOAD = 7000;
const PAGE = 200;
/** Above this many visitors, a change is announced as a range of delivery ids. */
const BURST_KEYS = 150;

/**
 * Fans events out to the SSE streams open on this instance. Whoever changes an inbox or an org's
 * handoffs notifies; every instance (through LISTEN/NOTIFY on PostgreSQL) kicks its streams for those
 * keys, and each stream reads its rows after its cursor. The database is the single source of order.
 */
export class EventHub {
  private readonly visitors = new Map<string, Set<SseStream>>();
  private readonly orgs = new Map<string, Set<SseStream>>();
  private unlisten: (() => Promise<void>) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Who of the visitors in a handoff is still on the page, from their streams here and elsewhere. */
  readonly presence: VisitorPresence;

  constructor(
    private readonly store: TimersStore & HandoffsStore & Pick<StoreConnection, 'driver'>,
    private readonly log: Logger,
    private readonly heartbeatMs = 15_000,
    presence: { graceMs?: number; clock?: PresenceClock } = {},
  ) {
    this.presence = new VisitorPresence({
      store,
      connected: (botId, visitorId) => this.visitors.has(`${botId}\n${visitorId}`),
      announce: (events) => this.orgsChanged(events),
      announceLeft: (botId, visitorId) => this.notifyOne(JSON.stringify({ l: [botId, visitorId] })),
      log,
      ...presence,
    });
  }

  async start(): Promise<void> {
    this.unlisten = await this.store.driver.listen(EVENTS_CHANNEL, (payload) => this.onNotification(payload));
    this.heartbeat = setInterval(() => {
      for (const set of [...this.visitors.values(), ...this.orgs.values()]) for (const s of set) s.heartbeat();
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  /**
   * Tells every instance that these visitors' inboxes changed. A burst (a second's worth of timers) is
   * announced as its range of delivery ids instead: one notification, and only an instance with open
   * streams asks which visitors it touched.
   */
  async visitorsChanged(deliveries: Delivery[]): Promise<void> {
    // One handoff event: it travels whole, and the stream writes it without reading it back.
    if (deliveries.length === 1) {
      const d = deliveries[0];
      const payload = JSON.stringify({ d: [d.botId, d.visitorId, deliveryItem(d)] });
      if (payload.length <= MAX_PAYLOAD) return this.notifyOne(payload);
    }
    const keys = [...new Set(deliveries.map((d) => `${d.botId}\n${d.visitorId}`))].map((k) => k.split('\n'));
    if (keys.length <= BURST_KEYS) return this.notifyChunks('v', keys);
    let from = Infinity;
    let to = -Infinity;
    for (const d of deliveries) ((from = Math.min(from, d.id)), (to = Math.max(to, d.id)));
    await this.store.driver
      .notify(EVENTS_CHANNEL, JSON.stringify({ r: [from, to] }))
      .catch((err) => this.log.warn({ err }, 'notify failed'));
  }

  /** Tells every instance that these orgs have new handoff events; a single small one travels whole. */
  async orgsChanged(events: HandoffEvent[]): Promise<void> {
    if (events.length === 1) {
      const payload = JSON.stringify({ e: [events[0].orgId, managerItem(events[0])] });
      if (payload.length <= MAX_PAYLOAD) return this.notifyOne(payload);
    }
    await this.notifyChunks('o', [...new Set(events.map((e) => e.orgId))]);
  }

  private async notifyOne(payload: string): Promise<void> {
    await this.store.driver
      .notify(EVENTS_CHANNEL, payload)
      .catch((err) => this.log.warn({ err }, 'notify failed; streams catch up on their next read'));
  }

  /** Serves a visitor's event stream: unacknowledged deliveries after `after`, then live ones. */
  async openVisitorStream(req: Request, res: Response, botId: string, visitorId: string, after: number): Promise<void> {
    SseStream.open(req, res);
    const stream = new SseStream(
      res,
      after,
      async (cursor) => (await this.store.pendingDeliveries(botId, visitorId, cursor, PAGE)).map(deliveryItem),
      PAGE,
      (err) => req.log.warn({ err }, 'visitor stream read failed'),
    );
    this.attach(this.visitors, `${botId}\n${visitorId}`, stream, req, res, 'visitor', () =>
      this.presence.departed(botId, visitorId),
    );
    stream.kick();
    void this.presence.arrived(botId, visitorId);
  }

  /** Serves an org's manager stream: events after `after` (or only new ones), announced by a `ready` event. */
  async openManagerStream(req: Request, res: Response, orgId: string, after: number | null): Promise<void> {
    const start = after ?? (await this.store.lastHandoffEventSeq(orgId));
    SseStream.open(req, res);
    const stream = new SseStream(
      res,
      start,
      async (cursor) => (await this.store.handoffEventsAfter(orgId, cursor, PAGE)).map(managerItem),
      PAGE,
      (err) => req.log.warn({ err }, 'manager stream read failed'),
    );
    stream.send('ready', { seq: start });
    this.attach(this.orgs, orgId, stream, req, res, 'manager');
    stream.kick();
  }

  /** Number of streams open here, for tests and metrics. */
  get openStreams(): number {
    let n = 0;
    for (const set of [...this.visitors.values(), ...this.orgs.values()]) n += set.size;
    return n;
  }

  /** Ends every stream (clients reconnect elsewhere and resume) and stops listening. */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.presence.close();
    for (const set of [...this.visitors.values(), ...this.orgs.values()]) for (const s of set) s.end();
    this.visitors.clear();
    this.orgs.clear();
    await this.unlisten?.();
  }

  /** Keeps the stream in `map` under `key` until its connection closes; `onLast` runs when the key's last one goes. */
  private attach(
    map: Map<string, Set<SseStream>>,
    key: string,
    stream: SseStream,
    req: Request,
    res: Response,
    kind: string,
    onLast?: () => void,
  ): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(stream);
    openStreams.inc({ kind });
    let attached = true;
    const detach = () => {
      if (!attached) return;
      openStreams.dec({ kind });
      attached = false;
      stream.closed = true;
      set!.delete(stream);
      if (set!.size === 0 && map.get(key) === set) {
        map.delete(key);
        onLast?.();
      }
    };
    req.on('close', detach);
    res.on('close', detach);
  }

  private onNotification(payload: string): void {
    let message: {
      v?: string[][];
      o?: string[];
      r?: [number, number];
      d?: [string, string, SseItem];
      e?: [string, SseItem];
      l?: [string, string];
    };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    for (const [botId, visitorId] of message.v ?? [])
      for (const s of this.visitors.get(`${botId}\n${visitorId}`) ?? []) s.kick();
    for (const orgId of message.o ?? []) for (const s of this.orgs.get(orgId) ?? []) s.kick();
    if (message.d) for (const s of this.visitors.get(`${message.d[0]}\n${message.d[1]}`) ?? []) s.offer(message.d[2]);
    if (message.e) for (const s of this.orgs.get(message.e[0]) ?? []) s.offer(message.e[1]);
    if (message.l) this.presence.markedLeftElsewhere(message.l[0], message.l[1]);
    if (message.r && this.visitors.size > 0) {
      const [from, to] = message.r;
      this.store.deliveryKeysBetween(from, to).then(
        (keys) => {
          for (const k of keys) for (const s of this.visitors.get(`${k.botId}\n${k.visitorId}`) ?? []) s.kick();
        },
        (err) => this.log.warn({ err }, 'could not read a burst of deliveries'),
      );
    }
  }

  private async notifyChunks(kind: 'v' | 'o', keys: unknown[]): Promise<void> {
    let chunk: unknown[] = [];
    let size = 10;
    const flush = async () => {
      if (chunk.length === 0) return;
      await this.store.driver.notify(EVENTS_CHANNEL, JSON.stringify({ [kind]: chunk }));
      chunk = [];
      size = 10;
    };
    for (const key of keys) {
      const len = JSON.stringify(key).length + 1;
      if (size + len > MAX_PAYLOAD) await flush();
      chunk.push(key);
      size += len;
    }
    await flush().catch((err) => this.log.warn({ err }, 'notify failed; streams catch up on their next read'));
  }
}

/** A delivery as the visitor protocol's event stream sends it. */
export function deliveryItem(d: Delivery): SseItem {
  const data =
    d.kind === 'timer'
      ? { id: d.seq, kind: d.kind, timerId: d.ref, event: d.event }
      : { id: d.seq, kind: d.kind, handoffId: d.ref, event: d.event };
  return { id: d.seq, event: 'delivery', data };
}

function managerItem(e: HandoffEvent): SseItem {
  return {
    id: e.seq,
    event: 'handoff',
    data: { seq: e.seq, type: e.type, handoffId: e.handoffId, at: e.createdAt.toISOString(), ...e.data },
  };
}
