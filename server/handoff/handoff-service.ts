import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';
import { apiError, notFound } from '../http/http-error.ts';
import { newId } from '../ids.ts';
import type {
  Handoff,
  HandoffChange,
  HandoffOutcome,
  HandoffStatus,
  HandoffsStore,
  ManagerRef,
  TranscriptLine,
} from '../store/types.ts';
import { jobId, QUEUES, type Job, type JobQueue } from '../timers/job-queue.ts';
import type { EventHub } from '../visitor/event-hub.ts';
import type { VisitorClaims } from '../visitor/visitor-token.ts';

export interface NewHandoffRequest {
  handoffKey: string;
  queue?: string | null;
  timeoutAt?: number | null;
  transcript: TranscriptLine[];
  variables: Record<string, unknown>;
}

/**
 * Handoff to a manager: the visitor's side creates and talks, managers of the bot's org claim, talk and
 * resolve. Every change is one transaction that also writes the org event managers stream and, when the
 * visitor must hear of it, the delivery; then both are announced to every instance.
 */
export class HandoffService {
  constructor(
    private readonly store: HandoffsStore,
    private readonly jobs: JobQueue,
    private readonly hub: EventHub,
    private readonly log: Logger,
  ) {}

  /** Starts the loop that times out handoffs nobody claimed before their `timeoutAt`. */
  start(): void {
    this.jobs.work<{ h: string }>(QUEUES.handoffTimeout, 20, async (batch: Job<{ h: string }>[]) => {
      for (const job of batch) await this.announce(await this.store.timeoutHandoff(job.data.h));
      return [];
    });
  }

  async create(
    visitor: VisitorClaims,
    orgId: string,
    body: NewHandoffRequest,
  ): Promise<{ handoff: Handoff; created: boolean }> {
    const result = await this.store.createHandoff({
      id: newId('h'),
      orgId,
      botId: visitor.botId,
      visitorId: visitor.visitorId,
      handoffKey: body.handoffKey,
      queue: body.queue ?? null,
      transcript: body.transcript,
      variables: body.variables,
      timeoutAt: body.timeoutAt ? new Date(body.timeoutAt) : null,
    });
    if (result.created) {
      const { handoff } = result;
      if (handoff.timeoutAt) {
        await this.jobs.send(QUEUES.handoffTimeout, {
          id: jobId(`handoff-timeout\n${handoff.id}`),
          data: { h: handoff.id },
          startAfter: handoff.timeoutAt,
        });
      }
      if (result.event) await this.hub.orgsChanged([result.event]);
      this.log.info({ handoffId: handoff.id, botId: handoff.botId, queue: handoff.queue }, 'handoff waiting');
    }
    return result;
  }

  async visitorMessage(visitor: VisitorClaims, id: string, text: string): Promise<number> {
    const event = await this.store.addVisitorMessage(visitor.botId, visitor.visitorId, id, text);
    if (event === null) missing(id);
    if (event === 'closed') throw apiError('handoff.closed');
    await this.hub.orgsChanged([event]);
    return event.seq;
  }

  async rate(visitor: VisitorClaims, id: string, rating: number): Promise<void> {
    const handoff = await this.visitorHandoff(visitor, id);
    const event = await this.store.rateHandoff(handoff, rating);
    if (!event) throw apiError('handoff.not_resolved');
    await this.hub.orgsChanged([event]);
  }

  list(actor: Actor, status: HandoffStatus): Promise<Handoff[]> {
    return this.store.listHandoffs(actor.orgId, status);
  }

  async get(actor: Actor, id: string) {
    const handoff = (await this.store.getHandoff(actor.orgId, id)) ?? missing(id);
    const messages = await this.store.handoffMessages(actor.orgId, id);
    return { handoff, messages };
  }

  async claim(actor: Actor, id: string): Promise<Handoff> {
    const change = await this.store.claimHandoff(actor.orgId, id, manager(actor));
    if (change === null) missing(id);
    if (change === 'taken') throw apiError('handoff.already_claimed');
    await this.announce(change);
    return change.handoff;
  }

  async message(actor: Actor, id: string, text: string): Promise<number> {
    const change = await this.store.addManagerMessage(actor.orgId, id, manager(actor), text);
    if (change === null) missing(id);
    if (change === 'closed') throw apiError('handoff.not_active');
    await this.announce(change);
    return change.event.seq;
  }

  async resolve(
    actor: Actor,
    id: string,
    result: { outcome: HandoffOutcome; variables?: Record<string, unknown>; note?: string | null },
  ): Promise<Handoff> {
    const change = await this.store.resolveHandoff(actor.orgId, id, manager(actor), {
      outcome: result.outcome,
      variables: result.variables ?? {},
      note: result.note ?? null,
    });
    if (change === null) missing(id);
    if (change === 'closed') throw apiError('handoff.closed', { message: 'This handoff is already closed' });
    await this.announce(change);
    return change.handoff;
  }

  private async visitorHandoff(visitor: VisitorClaims, id: string): Promise<Handoff> {
    return (await this.store.visitorHandoff(visitor.botId, visitor.visitorId, id)) ?? missing(id);
  }

  private async announce(change: HandoffChange | null): Promise<void> {
    if (!change) return;
    await Promise.all([
      this.hub.orgsChanged([change.event]),
      change.delivery ? this.hub.visitorsChanged([change.delivery]) : undefined,
    ]);
  }
}

function manager(actor: Actor): ManagerRef {
  return { userId: actor.userId ?? null, name: actor.userId ? 'Manager' : 'Support team' };
}

function missing(id: string): never {
  throw notFound('handoff', id);
}
