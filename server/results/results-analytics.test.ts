import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analytics } from '../../rest/index.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { publishedResultsBot, resultsScenario, seedResults } from './results-fixture.ts';

let t: TestServer;
let botId: string;

const FULL_A = ['ask_email', 'ask_note', 'ab', 'a', 'done'];
const FULL_B = ['ask_email', 'ask_note', 'ab', 'b', 'done'];
const day = (d: number) => new Date(Date.UTC(2026, 11, d, 12));

beforeAll(async () => {
  t = await startTestServer();
  botId = await publishedResultsBot(t, 'Funnel');
  // Version 2 adds a third branch to the split, which only its own analytics show.
  await t.api(`/bots/${botId}/scenario`, { method: 'PUT', body: resultsScenario({ thirdBranch: true }) });
  const v2 = await t.api(`/bots/${botId}/publish`, { method: 'POST' });
  expect(v2.status, await v2.clone().text()).toBe(201);
  await seedResults(t, botId, [
    // Version 1, December 1st to 3rd.
    { version: 1, startedAt: day(1), completed: true, path: FULL_A },
    { version: 1, startedAt: day(1), completed: true, path: FULL_B },
    { version: 1, startedAt: day(2), completed: true, path: FULL_A },
    { version: 1, startedAt: day(2), path: ['ask_email'] },
    { version: 1, startedAt: day(3), path: ['ask_email', 'ask_note'] },
    { version: 1, startedAt: day(3), path: ['ask_email', 'ask_note', 'ab', 'a'] },
    // Version 2, December 4th and 5th.
    { version: 2, startedAt: day(4), completed: true, path: ['ask_email', 'ask_note', 'ab', 'c', 'done'] },
    { version: 2, startedAt: day(5), path: ['ask_email'] },
  ]);
});

afterAll(async () => {
  await t?.stop();
});

async function analytics(query = ''): Promise<Analytics> {
  const res = await t.api(`/bots/${botId}/analytics${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Analytics;
}

/** The node flows as `id: reached/dropped`, sorted, leaving out nodes nobody reached. */
const flows = (a: Analytics) =>
  a.nodes
    .filter((n) => n.reached > 0)
    .map((n) => `${n.id}: ${n.reached}/${n.dropped}`)
    .sort();

/** The split's branches as `next: starts/completions`. */
const branches = (a: Analytics) =>
  a.splits.map(
    (s) => `${s.id} ${s.branches.map((b) => `${b.index}:${b.next} ${b.starts}/${b.completions}`).join(', ')}`,
  );

describe('GET /api/v1/bots/:id/analytics', () => {
  it('counts starts, completions, who reached each node and who left there, and each split branch, live version', async () => {
    const all = await analytics();
    expect([all.starts, all.completions]).toEqual([8, 4]);
    expect(flows(all)).toEqual([
      'a: 3/1',
      'ab: 5/0',
      'ask_email: 8/2',
      'ask_note: 6/1',
      'b: 1/0',
      'c: 1/0',
      'done: 4/0',
    ]);
    // Without a version, the live version's split (three branches) over every result.
    expect(branches(all)).toEqual(['ab 0:a 3/2, 1:b 1/1, 2:c 1/1']);
  });

  it("narrows to one version, with that version's split", async () => {
    const v1 = await analytics('?version=1');
    expect([v1.starts, v1.completions]).toEqual([6, 3]);
    expect(flows(v1)).toEqual(['a: 3/1', 'ab: 4/0', 'ask_email: 6/1', 'ask_note: 5/1', 'b: 1/0', 'done: 3/0']);
    expect(branches(v1)).toEqual(['ab 0:a 3/2, 1:b 1/1']);
    const v2 = await analytics('?version=2');
    expect([v2.starts, v2.completions]).toEqual([2, 1]);
    expect(branches(v2)).toEqual(['ab 0:a 0/0, 1:b 0/0, 2:c 1/1']);
  });

  it('narrows to a date range: since inclusive, until exclusive', async () => {
    const range = await analytics('?since=2026-12-02&until=2026-12-04');
    expect([range.starts, range.completions]).toEqual([4, 1]);
    expect(flows(range)).toEqual(['a: 2/1', 'ab: 2/0', 'ask_email: 4/1', 'ask_note: 3/1', 'done: 1/0']);
    const empty = await analytics('?since=2027-01-01');
    expect([empty.starts, empty.completions, flows(empty)]).toEqual([0, 0, []]);
  });

  it('answers version.not_found for a version the bot never had, and request.invalid for a bad parameter', async () => {
    const missing = await t.api(`/bots/${botId}/analytics?version=9`);
    expect([missing.status, (await missing.json()).error.code]).toEqual([404, 'version.not_found']);
    for (const [query, param] of [
      ['?version=0', 'version'],
      ['?version=two', 'version'],
      ['?since=2026-13-01', 'since'],
      ['?since=2026-12-05&until=2026-12-05', 'until'],
    ]) {
      const res = await t.api(`/bots/${botId}/analytics${query}`);
      const body = await res.json();
      expect([query, res.status, body.error.code, body.error.details[0].path]).toEqual([
        query,
        400,
        'request.invalid',
        param,
      ]);
    }
  });
});
