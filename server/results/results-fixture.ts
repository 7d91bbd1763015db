/**
 * For the owner API's tests: a published bot that opts in to results (collecting `email` and `note`, with an A/B
 * split), and results written straight to the store, as ingest would have stored them.
 */
import { randomBytes } from 'node:crypto';
import type { ResultValue } from '../../rest/index.ts';
import type { StoreDriver } from '../store/types.ts';
import type { TestServer } from '../test/test-server.ts';

/** ask_email → ask_note → ab (split: a | b, and c with `thirdBranch`) → done. */
export function resultsScenario(options: { thirdBranch?: boolean } = {}): Record<string, unknown> {
  const branches = options.thirdBranch ? ['a', 'b', 'c'] : ['a', 'b'];
  return {
    format: 'chatlet.scenario/1',
    name: 'Leads',
    start: 'ask_email',
    settings: { results: { collect: ['email', 'note'] } },
    nodes: [
      { id: 'ask_email', type: 'input', prompt: 'Your email?', var: 'email', input: 'text', next: 'ask_note' },
      { id: 'ask_note', type: 'input', prompt: 'Anything to add?', var: 'note', input: 'text', next: 'ab' },
      { id: 'ab', type: 'split', branches: branches.map((next) => ({ weight: 1, next })) },
      ...branches.map((id) => ({ id, type: 'message', text: `Thanks (${id})`, next: 'done' })),
      { id: 'done', type: 'end' },
    ],
  };
}

/** Creates and publishes a results bot in the default organisation; resolves to its id. */
export async function publishedResultsBot(t: TestServer, name = 'Leads: spring, 2027'): Promise<string> {
  const created = await t.api('/bots', { method: 'POST', body: { name, scenario: resultsScenario() } });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${await created.text()}`);
  const bot = (await created.json()) as { id: string };
  const published = await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
  if (published.status !== 201) throw new Error(`publish failed: ${published.status} ${await published.text()}`);
  return bot.id;
}

/** What a seeded result may set; the rest has defaults (an abandoned conversation at ask_email, now). */
export interface Seed {
  id?: string;
  visitorId?: string;
  startedAt?: Date;
  completed?: boolean;
  path?: string[];
  version?: number | null;
  variables?: Record<string, ResultValue>;
}

/** Stores results of `botId` through the store, as ingest does; resolves to their ids, in the order given. */
export async function seedResults(t: TestServer, botId: string, seeds: Seed[]): Promise<string[]> {
  const { store } = t.server.running;
  const ids = seeds.map((s) => s.id ?? `r${randomBytes(10).toString('hex')}`);
  // A few writes in flight at a time: thousands one after another take long on a busy machine.
  for (let start = 0; start < seeds.length; start += 50) {
    await Promise.all(
      seeds.slice(start, start + 50).map(async (s, k) => {
        const id = ids[start + k];
        const outcome = await store.putResult(
          {
            id,
            orgId: 'o_default',
            botId,
            visitorId: s.visitorId ?? `v${randomBytes(6).toString('hex')}`,
            seq: 1,
            scenario: 'hash',
            version: s.version === undefined ? 1 : s.version,
            startedAt: s.startedAt ?? new Date(),
            completed: s.completed ?? false,
            handoff: false,
            path: s.path ?? (s.completed ? ['ask_email', 'ask_note', 'ab', 'a', 'done'] : ['ask_email']),
            variables: s.variables ?? {},
          },
          new Date(),
        );
        if (!outcome.stored) throw new Error(`result ${id} was not stored`);
      }),
    );
  }
  return ids;
}

/** The rows of a CSV text this test suite wrote (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') {
      (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    } else field += c;
  }
  if (field !== '' || row.length) (row.push(field), rows.push(row));
  return rows;
}

/**
 * Stores `count` results of `botId` in one statement, straight into the table ingest writes: result i started at
 * `firstStart + i` seconds, carries `email` visitor<i>@example.com and `note` "note <i>", and every third completed.
 * For the export and benchmark sizes (thousands), which one write per result would take minutes to set up on a busy
 * machine; `seedResults` goes through the store's own write.
 */
export async function bulkResults(driver: StoreDriver, botId: string, count: number, firstStart: Date): Promise<void> {
  await driver.executeSql(
    `INSERT INTO results (id, org_id, bot_id, visitor_id, seq, scenario, version, started_at, updated_at,
       completed_at, completed, handoff, path, last_node_id, variables)
     SELECT 'rb' || lpad(i::text, 8, '0') || $1, 'o_default', $1, 'vb' || i, 1, 'hash', 1,
       $3::timestamptz + make_interval(secs => i), now(), CASE WHEN i % 3 = 0 THEN now() END, i % 3 = 0, false,
       CASE WHEN i % 3 = 0 THEN ARRAY['ask_email', 'ask_note', 'ab', 'a', 'done'] ELSE ARRAY['ask_email'] END,
       CASE WHEN i % 3 = 0 THEN 'done' ELSE 'ask_email' END,
       jsonb_build_object('email', 'visitor' || i || '@example.com', 'note', 'note ' || i)
     FROM generate_series(0, $2::int - 1) AS i`,
    [botId, count, firstStart.toISOString()],
  );
}
