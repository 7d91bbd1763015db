/**
 * The handoffs facet of the Store contract: handoffs, their events, visitor presence and managers' KPIs.
 * Registered by `runStoreContract`, so it runs on PGlite and, when PostgreSQL is installed, on a real server.
 */
import { expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { ContractContext } from './account-store.contract.ts';
import type { NewHandoff } from './types.ts';

/** Registers the handoffs-facet contract tests on the suite's store. */
export function runHandoffStoreContract(context: () => ContractContext): void {
  const handoff = (over: Partial<NewHandoff> = {}): NewHandoff => ({
    id: newId('h'),
    orgId: context().orgId,
    botId: 'b_bot',
    visitorId: newId('v'),
    handoffKey: 'help@1',
    queue: null,
    transcript: [{ from: 'visitor', text: 'help' }],
    variables: { a: 1 },
    timeoutAt: null,
    ...over,
  });
  const manager = { userId: null, name: 'Support' };

  it('returns the same handoff for the same key, and hides it from other visitors and organisations', async () => {
    const { store, orgId } = context();
    const input = handoff();
    const first = await store.createHandoff(input);
    const again = await store.createHandoff({ ...input, id: newId('h') });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.handoff.id).toBe(first.handoff.id);
    expect(await store.visitorHandoff('b_bot', newId('v'), input.id)).toBeNull();
    expect(await store.getHandoff(newId('o'), input.id)).toBeNull();
    expect((await store.getHandoff(orgId, input.id))!.variables).toEqual({ a: 1 });
  });

  it('gives a waiting handoff to exactly one of many concurrent claims', async () => {
    const { store, orgId } = context();
    const { handoff: h } = await store.createHandoff(handoff());
    const results = await Promise.all(Array.from({ length: 6 }, () => store.claimHandoff(orgId, h.id, manager)));
    expect(results.filter((r) => r !== 'taken' && r !== null)).toHaveLength(1);
    expect(results.filter((r) => r === 'taken')).toHaveLength(5);
    expect(await store.claimHandoff(newId('o'), h.id, manager)).toBeNull();
  });

  it('resolves once, tells the visitor with h:done, takes a rating after, and counts it in the KPIs', async () => {
    const { store, orgId } = context();
    const { handoff: h } = await store.createHandoff(handoff());
    const claimed = await store.claimHandoff(orgId, h.id, manager);
    expect(claimed).toMatchObject({ delivery: { event: { type: 'h:joined', name: 'Support' } } });
    expect(await store.rateHandoff(h, 5)).toBe(false);
    const done = await store.resolveHandoff(orgId, h.id, manager, {
      outcome: 'resolved',
      variables: { x: 1 },
      note: 'n',
    });
    expect(done).toMatchObject({ delivery: { event: { type: 'h:done', outcome: 'resolved', variables: { x: 1 } } } });
    expect(await store.resolveHandoff(orgId, h.id, manager, { outcome: 'resolved', variables: {}, note: null })).toBe(
      'closed',
    );
    expect(await store.rateHandoff(h, 5)).toMatchObject({ type: 'rated' });
    const kpi = (await store.managerKpis(orgId)).find((k) => k.userId === null)!;
    expect(kpi.resolved).toBeGreaterThanOrEqual(1);
    expect(kpi.averageRating).toBe(5);
  });

  it('times out only a handoff nobody claimed', async () => {
    const { store, orgId } = context();
    const { handoff: waiting } = await store.createHandoff(handoff());
    const { handoff: taken } = await store.createHandoff(handoff());
    await store.claimHandoff(orgId, taken.id, manager);
    expect(await store.timeoutHandoff(waiting.id)).toMatchObject({
      delivery: { event: { type: 'h:timeout' } },
    });
    expect(await store.timeoutHandoff(waiting.id)).toBeNull();
    expect(await store.timeoutHandoff(taken.id)).toBeNull();
  });

  it('marks an open handoff left only when the visitor was not seen since the stream closed, and unmarks it when they return', async () => {
    const { store, orgId } = context();
    const visitorId = newId('v');
    const { handoff: open } = await store.createHandoff(handoff({ visitorId, handoffKey: 'open' }));
    const { handoff: done } = await store.createHandoff(handoff({ visitorId, handoffKey: 'done' }));
    await store.resolveHandoff(orgId, done.id, manager, { outcome: 'resolved', variables: {}, note: null });
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));

    expect(await store.visitorArrived('b_bot', visitorId, t(10))).toEqual([]);
    // Closed at 5 s on one instance, seen at 10 s on another: a reload, not a leave.
    expect(await store.visitorLeft('b_bot', visitorId, t(5))).toEqual([]);
    const left = await store.visitorLeft('b_bot', visitorId, t(20));
    expect(left.map((e) => [e.handoffId, e.type])).toEqual([[open.id, 'visitor_left']]);
    expect(left[0].data.handoff).toMatchObject({ visitorLeftAt: t(20).toISOString() });
    expect(await store.visitorLeft('b_bot', visitorId, t(30))).toEqual([]);
    expect((await store.getHandoff(orgId, open.id))!.visitorLeftAt).toEqual(t(20));
    expect((await store.getHandoff(orgId, done.id))!.visitorLeftAt).toBeNull();

    const back = await store.visitorArrived('b_bot', visitorId, t(40));
    expect(back.map((e) => [e.handoffId, e.type, (e.data.handoff as any).visitorLeftAt])).toEqual([
      [open.id, 'visitor_back', null],
    ]);
    expect((await store.getHandoff(orgId, open.id))!.visitorLeftAt).toBeNull();
  });

  it('lists waiting handoffs oldest first, with those whose visitor left after the others', async () => {
    const { store, orgId } = context();
    const org = (await store.ensureOrg({ id: newId('o'), name: 'Queue' })).id;
    const ids: string[] = [];
    for (const key of ['first', 'second', 'third']) {
      const { handoff: h } = await store.createHandoff(handoff({ orgId: org, handoffKey: key }));
      ids.push(h.id);
    }
    const first = (await store.getHandoff(org, ids[0]))!;
    await store.visitorLeft(first.botId, first.visitorId, new Date());
    expect((await store.listHandoffs(org, 'waiting')).map((h) => h.id)).toEqual([ids[1], ids[2], ids[0]]);
  });

  it("numbers an organisation's handoff events in order for the manager stream", async () => {
    const { store, orgId } = context();
    const before = await store.lastHandoffEventSeq(orgId);
    const { handoff: h } = await store.createHandoff(handoff());
    expect(await store.addVisitorMessage(h.botId, 'someone else', h.id, 'not mine')).toBeNull();
    await store.addVisitorMessage(h.botId, h.visitorId, h.id, 'one');
    await store.addVisitorMessage(h.botId, h.visitorId, h.id, 'two');
    const events = await store.handoffEventsAfter(orgId, before, 10);
    expect(events.map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3]);
    expect(events.map((e) => e.type)).toEqual(['created', 'message', 'message']);
    expect((await store.handoffMessages(orgId, h.id)).map((e) => e.data.text)).toEqual(['one', 'two']);
  });
}
