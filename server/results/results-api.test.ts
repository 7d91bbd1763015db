import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultPage } from '../../rest/index.ts';
import { addToken } from '../test/accounts-fixture.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { parseCsv, publishedResultsBot, seedResults } from './results-fixture.ts';

let t: TestServer;
let botId: string;

beforeAll(async () => {
  t = await startTestServer();
  botId = await publishedResultsBot(t);
});

afterAll(async () => {
  await t?.stop();
});

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 11, d, h));

async function page(query: string, token?: string): Promise<ResultPage> {
  const res = await t.api(`/bots/${botId}/results${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ResultPage;
}

async function allIds(query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const p: ResultPage = await page(`${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(p.results.length).toBeLessThanOrEqual(limit);
    ids.push(...p.results.map((r) => r.id));
    cursor = p.next;
  } while (cursor);
  return ids;
}

describe('GET /api/v1/bots/:id/results', () => {
  let seeded: { ids: string[]; byStart: string[] };

  beforeAll(async () => {
    // Seven days, two of them sharing a start time (the id breaks the tie), one visitor with two results.
    const starts = [day(1), day(2), day(3), day(3), day(4), day(5), day(6)];
    const ids = await seedResults(
      t,
      botId,
      starts.map((startedAt, i) => ({
        id: `r_list_${i}_${'x'.repeat(12)}`,
        startedAt,
        completed: i % 2 === 0,
        visitorId: i < 2 ? 'v_twice' : `v_${i}`,
        variables: { email: `p${i}@example.com` },
      })),
    );
    const byStart = ids
      .map((id, i) => ({ id, at: starts[i].getTime() }))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    seeded = { ids, byStart };
  });

  it('lists results newest first, with the collected variables as columns', async () => {
    const p = await page('');
    expect(p.columns).toEqual(['email', 'note']);
    expect(p.results.map((r) => r.id)).toEqual(seeded.byStart);
    expect(p.next).toBeNull();
    expect(p.results.at(-1)).toEqual({
      id: seeded.ids[0],
      visitorId: 'v_twice',
      version: 1,
      startedAt: day(1).toISOString(),
      updatedAt: expect.any(String),
      completed: true,
      handoff: false,
      lastNodeId: 'done',
      path: ['ask_email', 'ask_note', 'ab', 'a', 'done'],
      variables: { email: 'p0@example.com' },
    });
  });

  it('pages with a cursor, without repeating or skipping a result, ties included', async () => {
    expect(await allIds('', 2)).toEqual(seeded.byStart);
    expect(await allIds('', 1)).toEqual(seeded.byStart);
    const first = await page('?limit=3');
    expect(first.results).toHaveLength(3);
    expect(first.next).toEqual(expect.any(String));
  });

  it('filters by completed, by start date and by visitor, also while paging', async () => {
    const completed = seeded.ids.filter((_, i) => i % 2 === 0);
    expect(new Set(await allIds('?completed=true', 2))).toEqual(new Set(completed));
    expect(await allIds('?completed=false', 2)).toEqual(seeded.byStart.filter((id) => !completed.includes(id)));
    // since is inclusive, until exclusive; a bare date is midnight UTC.
    expect(await allIds('?since=2026-12-03&until=2026-12-05', 1)).toEqual(
      seeded.byStart.filter((id) => {
        const i = seeded.ids.indexOf(id);
        return i >= 2 && i <= 4;
      }),
    );
    expect(await allIds(`?since=${encodeURIComponent(day(6).toISOString())}`, 5)).toEqual([seeded.ids[6]]);
    expect(await allIds('?visitorId=v_twice', 5)).toEqual([seeded.ids[1], seeded.ids[0]]);
    expect((await page('?visitorId=nobody')).results).toEqual([]);
  });

  it('refuses bad query parameters with request.invalid naming the parameter', async () => {
    const cases: [string, string][] = [
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=ten', 'limit'],
      ['?completed=yes', 'completed'],
      ['?since=yesterday', 'since'],
      ['?since=2026-02-31', 'since'],
      ['?since=2026-12-05&until=2026-12-01', 'until'],
      ['?format=xml', 'format'],
      ['?limit=1&limit=2', 'limit'],
      ['?cursor=not-a-cursor', 'cursor'],
    ];
    const seen = [];
    for (const [query] of cases) {
      const res = await t.api(`/bots/${botId}/results${query}`);
      const body = await res.json();
      seen.push([query, res.status, body.error.code, body.error.details?.map((d: { path: string }) => d.path)]);
      expect(body.error.message).not.toMatch(/\n\s+at /);
    }
    expect(seen).toEqual(cases.map(([query, param]) => [query, 400, 'request.invalid', [param]]));
  });
});

describe('deleting results', () => {
  it('deletes one result: gone from the list, the CSV and the analytics; a second delete is results.not_found', async () => {
    const bot = await publishedResultsBot(t, 'Delete one');
    const [keep, drop] = await seedResults(t, bot, [
      { completed: true, variables: { email: 'keep@example.com' } },
      { completed: false, variables: { email: 'drop@example.com' }, path: ['ask_email', 'ask_note'] },
    ]);
    expect((await t.api(`/bots/${bot}/results/${drop}`, { method: 'DELETE' })).status).toBe(204);
    const list = (await (await t.api(`/bots/${bot}/results`)).json()) as ResultPage;
    expect(list.results.map((r) => r.id)).toEqual([keep]);
    const csv = await (await t.api(`/bots/${bot}/results?format=csv`)).text();
    expect(parseCsv(csv).map((row) => row[0])).toEqual(['id', keep]);
    expect(csv).not.toContain('drop@example.com');
    const analytics = await (await t.api(`/bots/${bot}/analytics`)).json();
    expect(analytics).toMatchObject({ starts: 1, completions: 1 });
    expect(analytics.nodes.find((n: { id: string }) => n.id === 'ask_note')).toMatchObject({ reached: 1, dropped: 0 });

    const again = await t.api(`/bots/${bot}/results/${drop}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe('results.not_found');
  });

  it("erases one visitor's results everywhere, says how many, and leaves other visitors' alone", async () => {
    const bot = await publishedResultsBot(t, 'Erase');
    const [other] = await seedResults(t, bot, [
      { visitorId: 'v_stays', completed: true },
      { visitorId: 'v_gone', completed: true, variables: { email: 'gone@example.com' } },
      { visitorId: 'v_gone', completed: false, variables: { email: 'gone@example.com' } },
    ]);
    const res = await t.api(`/bots/${bot}/results?visitorId=v_gone`, { method: 'DELETE' });
    expect([res.status, await res.json()]).toEqual([200, { deleted: 2 }]);
    const list = (await (await t.api(`/bots/${bot}/results`)).json()) as ResultPage;
    expect(list.results.map((r) => r.id)).toEqual([other]);
    expect(await (await t.api(`/bots/${bot}/results?format=csv`)).text()).not.toContain('gone@example.com');
    expect(await (await t.api(`/bots/${bot}/analytics`)).json()).toMatchObject({ starts: 1, completions: 1 });
    const none = await t.api(`/bots/${bot}/results?visitorId=v_gone`, { method: 'DELETE' });
    expect(await none.json()).toEqual({ deleted: 0 });
  });

  it('refuses to erase without a visitorId (request.invalid), rather than erase everything', async () => {
    const [id] = await seedResults(t, botId, [{}]);
    for (const query of ['', '?visitorId=']) {
      const res = await t.api(`/bots/${botId}/results${query}`, { method: 'DELETE' });
      const body = await res.json();
      expect([res.status, body.error.code, body.error.details[0].path]).toEqual([400, 'request.invalid', 'visitorId']);
    }
    expect((await page(`?limit=200`)).results.map((r) => r.id)).toContain(id);
  });
});

describe('who may read and delete results', () => {
  it('lets an editor read the list, the CSV and the analytics, but not delete (403)', async () => {
    const editor = await addToken(t, 'o_default', 'editor');
    const [id] = await seedResults(t, botId, [{ visitorId: 'v_editor' }]);
    for (const path of ['/results', '/results?format=csv', '/analytics']) {
      expect((await t.api(`/bots/${botId}${path}`, { token: editor })).status).toBe(200);
    }
    for (const path of [`/results/${id}`, '/results?visitorId=v_editor']) {
      const res = await t.api(`/bots/${botId}${path}`, { method: 'DELETE', token: editor });
      expect([res.status, (await res.json()).error.code]).toEqual([403, 'auth.forbidden']);
    }
    expect((await page('?visitorId=v_editor')).results.map((r) => r.id)).toEqual([id]);
  });

  it('refuses a manager everything (403): they answer handoffs, not read leads', async () => {
    const manager = await addToken(t, 'o_default', 'manager');
    for (const [method, path] of [
      ['GET', '/results'],
      ['GET', '/results?format=csv'],
      ['GET', '/analytics'],
      ['DELETE', '/results/r_any_result_id_000'],
      ['DELETE', '/results?visitorId=v_twice'],
    ]) {
      const res = await t.api(`/bots/${botId}${path}`, { method, token: manager });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
  });

  it("answers another organisation's owner bot.not_found, whatever the query", async () => {
    const stranger = await addToken(t, 'o_stranger', 'owner');
    for (const [method, path] of [
      ['GET', '/results'],
      ['GET', '/results?format=csv'],
      ['GET', '/results?limit=0'],
      ['GET', '/analytics?version=1'],
      ['DELETE', '/results/r_any_result_id_000'],
      ['DELETE', '/results?visitorId=v_twice'],
    ]) {
      const res = await t.api(`/bots/${botId}${path}`, { method, token: stranger });
      const body = await res.text();
      expect([method, path, res.status, JSON.parse(body).error.code]).toEqual([method, path, 404, 'bot.not_found']);
      expect(body).not.toContain('example.com');
    }
  });
});
