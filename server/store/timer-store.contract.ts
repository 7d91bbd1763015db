/**
 * The visitor-timers facet of the Store contract: visitors' inboxes, due timers and the webhook outbox.
 * Registered by `runStoreContract`, so it runs on PGlite and, when PostgreSQL is installed, on a real server.
 */
import { expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { ContractContext } from './account-store.contract.ts';
import type { DueTimer, TxSql } from './types.ts';

/** Registers the timers-facet contract tests on the suite's store. */
export function runTimerStoreContract(context: () => ContractContext): void {
  it("numbers each visitor's deliveries 1, 2, 3 without gaps, even when appended concurrently", async () => {
    const { store, orgId } = context();
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
        store.appendDeliveries([item(visitorId, i), item(other, i), item(visitorId, i + 100)]),
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

  it('delivers claimed timers at most once each, numbered by due time, and fills the webhook outbox for bots with a webhook', async () => {
    const { store, orgId } = context();
    const visitorId = newId('v');
    // A bot with a webhook (its deliveries go to the outbox) and one without (theirs do not).
    const hooked = await store.createBot({ id: newId('b'), orgId, name: 'Hooked', scenario: {}, diagnostics: [] });
    await store.updateBotSettings(orgId, hooked.id, {
      webhookUrl: 'https://hooks.example/x',
      webhookSecret: 'a-secret-of-16-chars',
    });
    const plain = await store.createBot({ id: newId('b'), orgId, name: 'Plain', scenario: {}, diagnostics: [] });
    const due = (timerId: string, dueAt: number, botId = hooked.id): DueTimer => ({
      botId,
      visitorId,
      timerId,
      dueAt,
      event: { type: `t:${timerId}` },
    });
    const claimed: DueTimer[][] = [
      // The same timer twice in one burst (its job sent twice): delivered once.
      [due('late', 2000), due('early', 1000), due('early', 1000), due('unhooked', 1500, plain.id)],
      // A timer delivered before, claimed again (a job re-sent after firing): not delivered again.
      [due('early', 1000)],
      [],
    ];
    const fired = await store.fireDueTimers(async () => claimed[0]);
    expect(fired.filter((d) => d.botId === hooked.id).map((d) => [d.ref, d.seq])).toEqual([
      ['early', 1],
      ['late', 2],
    ]);
    expect(fired.filter((d) => d.botId === plain.id).map((d) => [d.ref, d.seq])).toEqual([['unhooked', 1]]);
    expect(fired.find((d) => d.ref === 'early')!.dueAt!.getTime()).toBe(1000);
    expect(await store.fireDueTimers(async () => claimed[1])).toEqual([]);
    expect(await store.fireDueTimers(async () => claimed[2])).toEqual([]);

    const outboxBots = await store.webhookOutboxBots(100);
    expect(outboxBots).toContain(hooked.id);
    expect(outboxBots).not.toContain(plain.id);
    const taken: number[] = [];
    await store.takeWebhookOutbox([hooked.id], 100, async (rows) => void taken.push(...rows.map((r) => r.deliveryId)));
    expect(taken.sort()).toEqual(
      fired
        .filter((d) => d.botId === hooked.id)
        .map((d) => d.id)
        .sort(),
    );
    expect(await store.webhookOutboxBots(100)).not.toContain(hooked.id);
  });

  it("claims in the delivery's transaction: what the claim removed comes back when delivering fails", async () => {
    const { store } = context();
    // A stand-in for the job queue's table: the claim removes its row through the transaction it is given.
    const table = `jobs_${newId('t')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '')}`;
    await store.driver.executeSql(`CREATE TABLE ${table} (id text PRIMARY KEY)`);
    await store.driver.executeSql(`INSERT INTO ${table} VALUES ('1')`);
    const claim = async (tx: TxSql): Promise<DueTimer[]> => {
      await tx.executeSql(`DELETE FROM ${table} WHERE id = '1'`);
      // A due time a bigint cannot hold: the delivery statement fails after the claim.
      return [{ botId: 'b_bot', visitorId: newId('v'), timerId: 'x', dueAt: 1.5, event: {} }];
    };
    await expect(store.fireDueTimers(claim)).rejects.toThrow();
    expect((await store.driver.executeSql(`SELECT id FROM ${table}`)).rows).toEqual([{ id: '1' }]);
    await store.fireDueTimers(async (tx) => (await tx.executeSql(`DELETE FROM ${table}`), []));
    expect((await store.driver.executeSql(`SELECT id FROM ${table}`)).rows).toEqual([]);
  });

  it('sends only unacknowledged deliveries after a cursor, and never moves the acknowledgement backwards', async () => {
    const { store, orgId } = context();
    const visitorId = newId('v');
    const items = [1, 2, 3].map((n) => ({
      botId: 'b_bot',
      visitorId,
      kind: 'handoff' as const,
      ref: 'h',
      event: { type: 'h:msg', n },
    }));
    await store.appendDeliveries(items);
    expect((await store.pendingDeliveries('b_bot', visitorId, 1, 10)).map((d) => d.seq)).toEqual([2, 3]);
    await store.acknowledge('b_bot', visitorId, 2);
    await store.acknowledge('b_bot', visitorId, 1);
    expect((await store.pendingDeliveries('b_bot', visitorId, 0, 10)).map((d) => d.seq)).toEqual([3]);
    await store.acknowledge('b_bot', visitorId, 99);
    expect(await store.pendingDeliveries('b_bot', visitorId, 0, 10)).toEqual([]);
    expect(await store.pendingDeliveries('b_bot', newId('v'), 0, 10)).toEqual([]);
  });
}
