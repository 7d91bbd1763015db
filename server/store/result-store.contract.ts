/**
 * The results facet of the Store contract: idempotent reports, keyset paging, streaming, analytics counted by the
 * database, deletes, retention and the result.completed outbox. Registered by `runStoreContract`, so it runs on
 * PGlite and, when PostgreSQL is installed, on a real server.
 */
import { expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { ContractContext } from './account-store.contract.ts';
import { BadResultCursor, type ResultWrite, type StoredResult } from './result-types.ts';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const MIN = 60_000;

/** Registers the results-facet contract tests on the suite's store. */
export function runResultStoreContract(context: () => ContractContext): void {
  const bot = async (options: { webhook?: boolean; retentionDays?: number } = {}) => {
    const { store, orgId } = context();
    const created = await store.createBot({
      id: newId('b'),
      orgId,
      name: 'Results',
      scenario: { nodes: [] },
      diagnostics: [],
      settings: options.webhook ? { webhookUrl: 'https://hooks.example/x', webhookSecret: 's' } : undefined,
    });
    if (options.retentionDays !== undefined) {
      const hash = `h${newId('x')}`;
      const bundle = { hash, body: hash, gzip: new Uint8Array([1]), brotli: new Uint8Array([2]) };
      await store.putCompileResult({ key: hash, ok: true, diagnostics: [], bundleHash: hash }, bundle);
      await store.publishVersion({
        orgId,
        botId: created.id,
        scenario: { settings: { results: { collect: [], retentionDays: options.retentionDays } }, nodes: [] },
        bundleHash: hash,
        compileKey: hash,
        createdBy: null,
      });
    }
    return created.id;
  };
  const report = (botId: string, over: Partial<ResultWrite> = {}): ResultWrite => ({
    id: newId('r'),
    orgId: context().orgId,
    botId,
    visitorId: 'v1',
    seq: 0,
    scenario: 'abc',
    version: 1,
    startedAt: new Date(T0),
    completed: false,
    handoff: false,
    path: ['a'],
    variables: {},
    ...over,
  });
  const put = (r: ResultWrite, at = T0 + MIN) => context().store.putResult(r, new Date(at));
  const all = async (botId: string) => {
    const out: StoredResult[] = [];
    for await (const r of context().store.streamResults(botId, {}, 3)) out.push(r);
    return out;
  };

  it('keeps the newest report of a result: an older or equal seq changes nothing', async () => {
    const { store } = context();
    const botId = await bot();
    const r = report(botId, { path: ['a'], variables: { email: 'one@example.com' } });
    expect(await put(r)).toEqual({ stored: true, completedNow: false });
    expect(await put({ ...r, seq: 2, path: ['a', 'b'], variables: { email: 'two@example.com' } })).toMatchObject({
      stored: true,
    });
    expect(await put({ ...r, seq: 1, path: ['a'], variables: { email: 'old@example.com' } })).toMatchObject({
      stored: false,
    });
    expect(await put({ ...r, seq: 2, path: ['x'] })).toMatchObject({ stored: false });
    const stored = await store.getResult(botId, r.id);
    expect(stored).toMatchObject({
      seq: 2,
      path: ['a', 'b'],
      lastNodeId: 'b',
      variables: { email: 'two@example.com' },
    });
    expect(stored!.startedAt.getTime()).toBe(T0);
  });

  it('says completedNow exactly once, however many reports complete a result, and only then fills the webhook outbox', async () => {
    const { store } = context();
    const botId = await bot({ webhook: true });
    const quiet = await bot();
    const r = report(botId, { path: ['a', 'z'], completed: true });
    const outcomes = await Promise.all([0, 1, 2, 3, 4].map((seq) => put({ ...r, seq })));
    expect(outcomes.filter((o) => o.completedNow)).toHaveLength(1);
    expect((await put({ ...r, seq: 9 })).completedNow).toBe(false);
    const done = await store.getResult(botId, r.id);
    expect(done).toMatchObject({ completed: true, seq: 9 });
    expect(done!.completedAt).toBeInstanceOf(Date);
    expect((await put(report(quiet, { completed: true }))).completedNow).toBe(true);

    // The outbox holds the one webhook-bot completion (and perhaps others' from tests before): take them all.
    const taken: { resultId: string; botId: string }[] = [];
    while ((await store.takeResultWebhooks(50, async (t) => void taken.push(...t))) > 0);
    expect(taken.filter((t) => t.resultId === r.id)).toEqual([{ resultId: r.id, botId }]);
    expect(taken.some((t) => t.botId === quiet)).toBe(false);
    expect(await store.takeResultWebhooks(50, async () => undefined)).toBe(0);
  });

  it('stores every one of many reports sent at once, the newest report of each result winning, as one at a time would', async () => {
    const { store } = context();
    const botId = await bot();
    const results = Array.from({ length: 120 }, (_, i) => report(botId, { visitorId: `v${i % 7}`, path: [`n${i}`] }));
    // Each result reported three times at once, newest last and first: seq decides, not arrival.
    const writes = results.flatMap((r) => [2, 0, 1].map((seq) => ({ ...r, seq, path: [...r.path, `s${seq}`] })));
    const outcomes = await Promise.all(writes.map((w) => put(w)));
    expect(outcomes.filter((o) => o.stored).length).toBeGreaterThanOrEqual(120);
    const stored = await all(botId);
    expect(stored).toHaveLength(120);
    for (const r of results) {
      expect(stored.find((s) => s.id === r.id)).toMatchObject({ seq: 2, path: [...r.path, 's2'], lastNodeId: 's2' });
    }
    expect((await store.getResult(botId, results[0]!.id))!.visitorId).toBe('v0');
  });

  it('refuses only the bad report among many sent at once; the others are stored', async () => {
    const botId = await bot();
    const good = Array.from({ length: 20 }, () => report(botId));
    // A seq beyond the column's range fails in the database, after every check above it.
    const bad = report(botId, { seq: 2 ** 40 });
    const outcomes = await Promise.allSettled([...good.slice(0, 10), bad, ...good.slice(10)].map((w) => put(w)));
    expect(outcomes.map((o) => o.status)).toEqual([
      ...Array(10).fill('fulfilled'),
      'rejected',
      ...Array(10).fill('fulfilled'),
    ]);
    expect((await all(botId)).map((r) => r.id).sort()).toEqual(good.map((r) => r.id).sort());
  });

  it('leaves the outbox row when what was queued with it fails, so no webhook is lost', async () => {
    const { store } = context();
    const botId = await bot({ webhook: true });
    const r = report(botId, { completed: true });
    await put(r);
    await expect(
      store.takeResultWebhooks(1_000, async (t) => {
        if (t.some((x) => x.resultId === r.id)) throw new Error('queue down');
      }),
    ).rejects.toThrow('queue down');
    const taken: string[] = [];
    while ((await store.takeResultWebhooks(50, async (t) => void taken.push(...t.map((x) => x.resultId)))) > 0);
    expect(taken).toContain(r.id);
  });

  it("remembers that a result's webhook was answered, and an erased result has none to send", async () => {
    const { store } = context();
    const botId = await bot({ webhook: true });
    const r = report(botId, { completed: true, path: ['a', 'z'] });
    await put(r);
    expect(await store.resultForWebhook(botId, r.id)).toMatchObject({
      result: { id: r.id, lastNodeId: 'z' },
      sent: false,
    });
    await store.markResultWebhookSent(botId, r.id, new Date(T0 + 2 * MIN));
    expect((await store.resultForWebhook(botId, r.id))!.sent).toBe(true);
    expect(await store.resultForWebhook(await bot(), r.id)).toBeNull();
    await store.deleteResult(botId, r.id);
    expect(await store.resultForWebhook(botId, r.id)).toBeNull();
  });

  it('stores nothing when another visitor or bot reports a result id that is taken', async () => {
    const { store } = context();
    const botId = await bot();
    const otherBot = await bot();
    const r = report(botId, { variables: { name: 'Ann' } });
    await put(r);
    expect(await put({ ...r, seq: 5, visitorId: 'v2', variables: { name: 'Mallory' } })).toEqual({
      stored: false,
      completedNow: false,
    });
    expect(await put({ ...r, seq: 5, botId: otherBot, completed: true })).toEqual({
      stored: false,
      completedNow: false,
    });
    expect(await store.getResult(botId, r.id)).toMatchObject({ visitorId: 'v1', seq: 0, variables: { name: 'Ann' } });
    expect(await store.getResult(otherBot, r.id)).toBeNull();
  });

  it('pages newest first by keyset, without gaps or repeats when many results share a start time', async () => {
    const { store } = context();
    const botId = await bot();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const r = report(botId, { startedAt: new Date(T0 + (i < 7 ? 0 : i) * MIN), completed: i % 2 === 0 });
      ids.push(r.id);
      await put(r);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listResults(botId, {}, { limit: 3, cursor });
      seen.push(...page.results.map((r) => r.id));
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(11);
    expect(seen.sort()).toEqual([...ids].sort());
    const listed = (await store.listResults(botId, {}, { limit: 20 })).results;
    const order = listed.map((r) => [r.startedAt.getTime(), r.id] as const);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1)));
    expect((await store.listResults(botId, { completed: true }, { limit: 20 })).results).toHaveLength(6);
    expect(
      (await store.listResults(botId, { since: new Date(T0 + 8 * MIN), until: new Date(T0 + 10 * MIN) }, { limit: 20 }))
        .results,
    ).toHaveLength(2);
    expect((await store.listResults(botId, {}, { limit: 20 })).next).toBeNull();
    await expect(store.listResults(botId, {}, { limit: 3, cursor: 'not-ours' })).rejects.toBeInstanceOf(
      BadResultCursor,
    );
  });

  it('streams every result newest first in batches, as the pages list them', async () => {
    const { store } = context();
    const botId = await bot();
    for (let i = 0; i < 8; i++) await put(report(botId, { startedAt: new Date(T0 + (i % 3) * MIN) }));
    const streamed = await all(botId);
    expect(streamed.map((r) => r.id)).toEqual(
      (await store.listResults(botId, {}, { limit: 50 })).results.map((r) => r.id),
    );
    expect(streamed).toHaveLength(8);
  });

  it('counts starts, completions, reached and dropped per node, and split branches, in the database', async () => {
    const { store } = context();
    const botId = await bot();
    const runs: [string[], boolean, number][] = [
      [['a', 's', 'x', 'end'], true, 1],
      [['a', 's', 'x'], false, 1],
      [['a', 's', 'y', 'end'], true, 2],
      [['a', 's', 'y'], false, 2],
      [['a', 's', 'y'], false, 2],
      [['a'], false, 1],
    ];
    for (const [path, completed, version] of runs) await put(report(botId, { path, completed, version }));
    const a = await store.resultAnalytics(botId, {}, [{ id: 's', next: ['x', 'y', 'w'] }]);
    expect(a.starts).toBe(6);
    expect(a.completions).toBe(2);
    const node = (id: string) => a.nodes.find((n) => n.id === id);
    expect(node('a')).toEqual({ id: 'a', reached: 6, dropped: 1 });
    expect(node('s')).toEqual({ id: 's', reached: 5, dropped: 0 });
    expect(node('x')).toEqual({ id: 'x', reached: 2, dropped: 1 });
    expect(node('y')).toEqual({ id: 'y', reached: 3, dropped: 2 });
    expect(node('end')).toEqual({ id: 'end', reached: 2, dropped: 0 });
    expect(a.splits).toEqual([
      {
        id: 's',
        branches: [
          { index: 0, next: 'x', starts: 2, completions: 1 },
          { index: 1, next: 'y', starts: 3, completions: 1 },
          { index: 2, next: 'w', starts: 0, completions: 0 },
        ],
      },
    ]);
    const v1 = await store.resultAnalytics(botId, { version: 1 }, []);
    expect(v1).toMatchObject({ starts: 3, completions: 1, splits: [] });
    expect(await store.resultAnalytics(await bot(), {}, [])).toEqual({
      starts: 0,
      completions: 0,
      nodes: [],
      splits: [],
    });
  });

  it('deletes one result, or every result of one visitor, and they leave the counts', async () => {
    const { store } = context();
    const botId = await bot();
    const one = report(botId, { visitorId: 'va' });
    await put(one);
    await put(report(botId, { visitorId: 'vb' }));
    await put(report(botId, { visitorId: 'vb' }));
    await put(report(botId, { visitorId: 'vc' }));
    expect(await store.deleteResult(await bot(), one.id)).toBe(false);
    expect(await store.deleteResult(botId, one.id)).toBe(true);
    expect(await store.deleteResult(botId, one.id)).toBe(false);
    expect(await store.deleteVisitorResults(botId, 'vb')).toBe(2);
    expect(await store.deleteVisitorResults(botId, 'vb')).toBe(0);
    expect((await all(botId)).map((r) => r.visitorId)).toEqual(['vc']);
    expect((await store.resultAnalytics(botId, {}, [])).starts).toBe(1);
  });

  it('deletes results last updated before a time, and names each bot that has results with its retention', async () => {
    const { store } = context();
    const kept = await bot({ retentionDays: 7 });
    const plain = await bot();
    const empty = await bot({ retentionDays: 30 });
    const old = report(kept);
    await put(old, T0);
    await put(report(kept), T0 + 10 * MIN);
    await put(report(plain), T0);
    expect(await store.deleteResultsBefore(kept, new Date(T0 + 5 * MIN))).toBe(1);
    expect(await store.getResult(kept, old.id)).toBeNull();
    expect(await all(kept)).toHaveLength(1);
    const retention = await store.resultRetention();
    expect(retention).toContainEqual({ botId: kept, retentionDays: 7 });
    expect(retention).toContainEqual({ botId: plain, retentionDays: null });
    expect(retention.some((r) => r.botId === empty)).toBe(false);
  });
}
