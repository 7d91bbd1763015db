/**
 * The behaviour the visitor half of every Store must have; `visitor-store.test.ts` runs it on PGlite
 * and, when PostgreSQL is installed, on a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { StoreFixture } from './store.contract.ts';
import type { Store } from './types.ts';
import type { NewHandoff } from './visitor-types.ts';

/** Registers the visitor-store contract tests for one implementation. */
export function runVisitorStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Visitor store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    let orgId: string;

    beforeAll(async () => {
      fixture = await makeStore();
      store = fixture.store;
      orgId = (await store.ensureOrg({ id: newId('o'), name: 'Acme' })).id;
    });

    afterAll(async () => {
      await store?.close();
      await fixture?.cleanup?.();
    });

    const handoff = (over: Partial<NewHandoff> = {}): NewHandoff => ({
      id: newId('h'),
      orgId,
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

    it('creates a named secret once and returns the same one to everyone after', async () => {
      const name = newId('s');
      const first = await store.visitor.secret(name, () => 'first');
      expect(first).toBe('first');
      expect(await store.visitor.secret(name, () => 'second')).toBe('first');
    });

    it("numbers each visitor's deliveries 1, 2, 3 without gaps, even when appended concurrently", async () => {
      const visitorId = newId('v');
      const other = newId('v');
      const item = (v: string, n: number) => ({
        botId: 'b_bot',
        visitorId: v,
        kind: 'handoff' as const,
        ref: 'h_x',
        event: { type: 'h:msg', n },
      });
      const batches = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.visitor.appendDeliveries([item(visitorId, i), item(other, i), item(visitorId, i + 100)]),
        ),
      );
      const mine = batches
        .flat()
        .filter((d) => d.visitorId === visitorId)
        .map((d) => d.seq)
        .sort((a, b) => a - b);
      expect(mine).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      const theirs = batches
        .flat()
        .filter((d) => d.visitorId === other)
        .map((d) => d.seq)
        .sort((a, b) => a - b);
      expect(theirs).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    });

    it('claims due timer jobs once, delivers each timer at most once, numbers them by due time and fills the webhook outbox', async () => {
      // A stand-in for pg-boss's job table, with the columns the claim reads.
      const table = `jobs_${newId('t')
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, '')}`;
      await store.driver.executeSql(
        `CREATE TABLE ${table} (name text, id text PRIMARY KEY, state text, start_after timestamptz, data jsonb)`,
      );
      const visitorId = newId('v');
      // A bot with a webhook (its deliveries go to the outbox) and one without (theirs do not).
      const hooked = await store.createBot({ id: newId('b'), orgId, name: 'Hooked', scenario: {}, diagnostics: [] });
      await store.updateBotSettings(orgId, hooked.id, {
        webhookUrl: 'https://hooks.example/x',
        webhookSecret: 'a-secret-of-16-chars',
      });
      const plain = await store.createBot({ id: newId('b'), orgId, name: 'Plain', scenario: {}, diagnostics: [] });
      const job = (
        id: string,
        timerId: string,
        dueAt: number,
        startAfter: Date,
        state = 'created',
        botId = hooked.id,
      ) =>
        store.driver.executeSql(`INSERT INTO ${table} VALUES ('q', $1, $2, $3, $4)`, [
          id,
          state,
          startAfter,
          JSON.stringify({ b: botId, v: visitorId, t: timerId, d: dueAt, e: { type: `t:${timerId}` } }),
        ]);
      const past = new Date(Date.now() - 1000);
      await job('1', 'late', 2000, past);
      await job('2', 'early', 1000, past);
      await job('3', 'early', 1000, past); // the same timer twice: delivered once
      await job('4', 'future', 3000, new Date(Date.now() + 3_600_000));
      await job('5', 'cancelled', 1000, past, 'cancelled');
      await job('7', 'unhooked', 1500, past, 'created', plain.id);

      const fired = await store.visitor.fireDueTimers({ table, queue: 'q' }, 100);
      expect(fired.filter((d) => d.botId === hooked.id).map((d) => [d.ref, d.seq])).toEqual([
        ['early', 1],
        ['late', 2],
      ]);
      expect(fired.filter((d) => d.botId === plain.id).map((d) => [d.ref, d.seq])).toEqual([['unhooked', 1]]);
      expect(fired.find((d) => d.ref === 'early')!.dueAt!.getTime()).toBe(1000);
      expect(await store.visitor.fireDueTimers({ table, queue: 'q' }, 100)).toEqual([]);
      const left = await store.driver.executeSql(`SELECT id FROM ${table} ORDER BY id`);
      expect(left.rows.map((r) => r.id)).toEqual(['4', '5']);

      // A timer delivered before (a job re-sent after firing) is not delivered again.
      await job('6', 'early', 1000, past);
      expect(await store.visitor.fireDueTimers({ table, queue: 'q' }, 100)).toEqual([]);

      const outboxBots = await store.visitor.webhookOutboxBots(100);
      expect(outboxBots).toContain(hooked.id);
      expect(outboxBots).not.toContain(plain.id);
      const taken: number[] = [];
      await store.visitor.takeWebhookOutbox(
        [hooked.id],
        100,
        async (rows) => void taken.push(...rows.map((r) => r.deliveryId)),
      );
      expect(taken.sort()).toEqual(
        fired
          .filter((d) => d.botId === hooked.id)
          .map((d) => d.id)
          .sort(),
      );
      expect(await store.visitor.webhookOutboxBots(100)).not.toContain(hooked.id);
    });

    it('sends only unacknowledged deliveries after a cursor, and never moves the acknowledgement backwards', async () => {
      const visitorId = newId('v');
      const items = [1, 2, 3].map((n) => ({
        botId: 'b_bot',
        visitorId,
        kind: 'handoff' as const,
        ref: 'h',
        event: { type: 'h:msg', n },
      }));
      await store.visitor.appendDeliveries(items);
      expect((await store.visitor.pendingDeliveries('b_bot', visitorId, 1, 10)).map((d) => d.seq)).toEqual([2, 3]);
      await store.visitor.acknowledge('b_bot', visitorId, 2);
      await store.visitor.acknowledge('b_bot', visitorId, 1);
      expect((await store.visitor.pendingDeliveries('b_bot', visitorId, 0, 10)).map((d) => d.seq)).toEqual([3]);
      await store.visitor.acknowledge('b_bot', visitorId, 99);
      expect(await store.visitor.pendingDeliveries('b_bot', visitorId, 0, 10)).toEqual([]);
      expect(await store.visitor.pendingDeliveries('b_bot', newId('v'), 0, 10)).toEqual([]);
    });

    it('returns the same handoff for the same key, and hides it from other visitors and organisations', async () => {
      const input = handoff();
      const first = await store.visitor.createHandoff(input);
      const again = await store.visitor.createHandoff({ ...input, id: newId('h') });
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.handoff.id).toBe(first.handoff.id);
      expect(await store.visitor.visitorHandoff('b_bot', newId('v'), input.id)).toBeNull();
      expect(await store.visitor.getHandoff(newId('o'), input.id)).toBeNull();
      expect((await store.visitor.getHandoff(orgId, input.id))!.variables).toEqual({ a: 1 });
    });

    it('gives a waiting handoff to exactly one of many concurrent claims', async () => {
      const { handoff: h } = await store.visitor.createHandoff(handoff());
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.visitor.claimHandoff(orgId, h.id, manager)),
      );
      expect(results.filter((r) => r !== 'taken' && r !== null)).toHaveLength(1);
      expect(results.filter((r) => r === 'taken')).toHaveLength(5);
      expect(await store.visitor.claimHandoff(newId('o'), h.id, manager)).toBeNull();
    });

    it('resolves once, tells the visitor with h:done, takes a rating after, and counts it in the KPIs', async () => {
      const { handoff: h } = await store.visitor.createHandoff(handoff());
      const claimed = await store.visitor.claimHandoff(orgId, h.id, manager);
      expect(claimed).toMatchObject({ delivery: { event: { type: 'h:joined', name: 'Support' } } });
      expect(await store.visitor.rateHandoff(h, 5)).toBe(false);
      const done = await store.visitor.resolveHandoff(orgId, h.id, manager, {
        outcome: 'resolved',
        variables: { x: 1 },
        note: 'n',
      });
      expect(done).toMatchObject({ delivery: { event: { type: 'h:done', outcome: 'resolved', variables: { x: 1 } } } });
      expect(
        await store.visitor.resolveHandoff(orgId, h.id, manager, { outcome: 'resolved', variables: {}, note: null }),
      ).toBe('closed');
      expect(await store.visitor.rateHandoff(h, 5)).toMatchObject({ type: 'rated' });
      const kpi = (await store.visitor.managerKpis(orgId)).find((k) => k.userId === null)!;
      expect(kpi.resolved).toBeGreaterThanOrEqual(1);
      expect(kpi.averageRating).toBe(5);
    });

    it('times out only a handoff nobody claimed', async () => {
      const { handoff: waiting } = await store.visitor.createHandoff(handoff());
      const { handoff: taken } = await store.visitor.createHandoff(handoff());
      await store.visitor.claimHandoff(orgId, taken.id, manager);
      expect(await store.visitor.timeoutHandoff(waiting.id)).toMatchObject({
        delivery: { event: { type: 'h:timeout' } },
      });
      expect(await store.visitor.timeoutHandoff(waiting.id)).toBeNull();
      expect(await store.visitor.timeoutHandoff(taken.id)).toBeNull();
    });

    it('marks an open handoff left only when the visitor was not seen since the stream closed, and unmarks it when they return', async () => {
      const visitorId = newId('v');
      const { handoff: open } = await store.visitor.createHandoff(handoff({ visitorId, handoffKey: 'open' }));
      const { handoff: done } = await store.visitor.createHandoff(handoff({ visitorId, handoffKey: 'done' }));
      await store.visitor.resolveHandoff(orgId, done.id, manager, { outcome: 'resolved', variables: {}, note: null });
      const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));

      expect(await store.visitor.visitorArrived('b_bot', visitorId, t(10))).toEqual([]);
      // Closed at 5 s on one instance, seen at 10 s on another: a reload, not a leave.
      expect(await store.visitor.visitorLeft('b_bot', visitorId, t(5))).toEqual([]);
      const left = await store.visitor.visitorLeft('b_bot', visitorId, t(20));
      expect(left.map((e) => [e.handoffId, e.type])).toEqual([[open.id, 'visitor_left']]);
      expect(left[0].data.handoff).toMatchObject({ visitorLeftAt: t(20).toISOString() });
      expect(await store.visitor.visitorLeft('b_bot', visitorId, t(30))).toEqual([]);
      expect((await store.visitor.getHandoff(orgId, open.id))!.visitorLeftAt).toEqual(t(20));
      expect((await store.visitor.getHandoff(orgId, done.id))!.visitorLeftAt).toBeNull();

      const back = await store.visitor.visitorArrived('b_bot', visitorId, t(40));
      expect(back.map((e) => [e.handoffId, e.type, (e.data.handoff as any).visitorLeftAt])).toEqual([
        [open.id, 'visitor_back', null],
      ]);
      expect((await store.visitor.getHandoff(orgId, open.id))!.visitorLeftAt).toBeNull();
    });

    it('lists waiting handoffs oldest first, with those whose visitor left after the others', async () => {
      const org = (await store.ensureOrg({ id: newId('o'), name: 'Queue' })).id;
      const ids: string[] = [];
      for (const key of ['first', 'second', 'third']) {
        const { handoff: h } = await store.visitor.createHandoff(handoff({ orgId: org, handoffKey: key }));
        ids.push(h.id);
      }
      const first = (await store.visitor.getHandoff(org, ids[0]))!;
      await store.visitor.visitorLeft(first.botId, first.visitorId, new Date());
      expect((await store.visitor.listHandoffs(org, 'waiting')).map((h) => h.id)).toEqual([ids[1], ids[2], ids[0]]);
    });

    it("numbers an organisation's handoff events in order for the manager stream", async () => {
      const before = await store.visitor.lastHandoffEventSeq(orgId);
      const { handoff: h } = await store.visitor.createHandoff(handoff());
      expect(await store.visitor.addVisitorMessage(h.botId, 'someone else', h.id, 'not mine')).toBeNull();
      await store.visitor.addVisitorMessage(h.botId, h.visitorId, h.id, 'one');
      await store.visitor.addVisitorMessage(h.botId, h.visitorId, h.id, 'two');
      const events = await store.visitor.handoffEventsAfter(orgId, before, 10);
      expect(events.map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3]);
      expect(events.map((e) => e.type)).toEqual(['created', 'message', 'message']);
      expect((await store.visitor.handoffMessages(orgId, h.id)).map((e) => e.data.text)).toEqual(['one', 'two']);
    });
  });
}
