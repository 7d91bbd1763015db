import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredResult } from '../store/result-types.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { bulkResults, parseCsv, publishedResultsBot, seedResults } from './results-fixture.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

const HEADER = 'id,startedAt,updatedAt,completed,lastNodeId,email,note';
const today = () => new Date().toISOString().slice(0, 10);

/** Reads a body chunk, failing the test instead of hanging when none comes. */
async function read(reader: ReadableStreamDefaultReader<Uint8Array>, what: string) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no chunk came: ${what}`)), 20_000);
  });
  try {
    return await Promise.race([reader.read(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('GET /api/v1/bots/:id/results?format=csv', () => {
  it('downloads a file named for the bot and the day, with the header and one row per result, CRLF-ended', async () => {
    const bot = await publishedResultsBot(t, 'Leads: spring, 2027 (é)');
    const startedAt = new Date('2026-12-01T09:30:00.000Z');
    const [done, left] = await seedResults(t, bot, [
      { startedAt, completed: true, variables: { email: 'ann@example.com', note: 'ok' } },
      { startedAt: new Date('2026-12-02T10:00:00.000Z'), path: ['ask_email', 'ask_note'], variables: {} },
    ]);
    const res = await t.api(`/bots/${bot}/results?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="leads-spring-2027-e-results-${today()}.csv"`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toMatch(new RegExp(`^${left},2026-12-02T10:00:00.000Z,\\d{4}-[^,]+Z,false,ask_note,,$`));
    expect(lines[2]).toMatch(new RegExp(`^${done},2026-12-01T09:30:00.000Z,[^,]+,true,done,ann@example.com,ok$`));
    expect(lines).toHaveLength(4);
  });

  it('quotes commas, quotes and line breaks (RFC 4180), and defuses cells a spreadsheet would run as formulas', async () => {
    const bot = await publishedResultsBot(t, 'Quoting');
    const nasty = [
      'Smith, Ann',
      'She said "hi"',
      'line one\nline two\r\nline three',
      '=HYPERLINK("http://evil.example","click")',
      '+1 555 0100',
      '-2+3',
      '@SUM(A1:A2)',
      '\tindented',
      '\rreturn',
      'plain',
    ];
    const ids = await seedResults(
      t,
      bot,
      nasty.map((email, i) => ({
        startedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, 59 - i)),
        variables: { email, note: i === 0 ? -5 : i === 1 ? true : null },
      })),
    );
    const text = await (await t.api(`/bots/${bot}/results`, { headers: { accept: 'text/csv' } })).text();
    const rows = parseCsv(text);
    expect(rows.map((r) => r[0])).toEqual(['id', ...ids]);
    expect(rows.map((r) => r.slice(5))).toEqual([
      ['email', 'note'],
      ['Smith, Ann', '-5'],
      ['She said "hi"', 'true'],
      ['line one\nline two\r\nline three', ''],
      [`'=HYPERLINK("http://evil.example","click")`, ''],
      ["'+1 555 0100", ''],
      ["'-2+3", ''],
      ["'@SUM(A1:A2)", ''],
      ["'\tindented", ''],
      ["'\rreturn", ''],
      ['plain', ''],
    ]);
    // The exact bytes of the quoted cells: wrapped in quotes, inner quotes doubled.
    expect(text).toContain(',"Smith, Ann",-5\r\n');
    expect(text).toContain(',"She said ""hi""",true\r\n');
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",\r\n`);
  });

  it('exports only what the filters take', async () => {
    const bot = await publishedResultsBot(t, 'Filtered');
    const [done] = await seedResults(t, bot, [
      { completed: true, variables: { email: 'done@example.com' } },
      { completed: false, variables: { email: 'left@example.com' } },
    ]);
    const rows = parseCsv(await (await t.api(`/bots/${bot}/results?format=csv&completed=true`)).text());
    expect(rows.map((r) => [r[0], r[5]])).toEqual([
      ['id', 'email'],
      [done, 'done@example.com'],
    ]);
    const bad = await t.api(`/bots/${bot}/results?format=csv&since=soon`);
    expect([bad.status, bad.headers.get('content-type'), (await bad.json()).error.code]).toEqual([
      400,
      'application/json; charset=utf-8',
      'request.invalid',
    ]);
  });

  it('streams 5,000 results: the first rows arrive while the store has yet to read the rest', async () => {
    const bot = await publishedResultsBot(t, 'Many');
    await bulkResults(t.server.running.store.driver, bot, 5_000, new Date(Date.UTC(2026, 10, 1)));
    // The store hands over 1,000 results, then waits until the test has seen rows arrive and lets it go on.
    const store = t.server.running.store;
    const original = store.streamResults;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let handed = 0;
    store.streamResults = async function* (...args: Parameters<typeof original>): AsyncGenerator<StoredResult> {
      for await (const r of original.apply(store, args)) {
        if (handed === 1_000) await gate;
        handed++;
        yield r;
      }
    };
    try {
      const res = await t.api(`/bots/${bot}/results?format=csv`);
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let chunks = 0;
      while (text.split('\r\n').length < 500) {
        const chunk = await read(reader, 'the first 500 rows, before the store reads on');
        expect(chunk.done).toBe(false);
        text += decoder.decode(chunk.value, { stream: true });
        chunks++;
      }
      // At most the 1,000 before the gate: the rest of the 5,000 were not read yet.
      expect(handed).toBeLessThanOrEqual(1_000);
      release();
      for (let chunk = await read(reader, 'the rest'); !chunk.done; chunk = await read(reader, 'the rest')) {
        text += decoder.decode(chunk.value, { stream: true });
        chunks++;
      }
      expect(chunks).toBeGreaterThan(1);
      const rows = parseCsv(text);
      expect(rows).toHaveLength(5_001);
      expect(rows[0].join(',')).toBe(HEADER);
      expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(5_000);
      expect(rows[1][5]).toBe('visitor4999@example.com');
      expect(rows[5_000][5]).toBe('visitor0@example.com');
    } finally {
      release();
      store.streamResults = original;
    }
  });

  it('lets the server answer other requests while it writes a large export', async () => {
    const bot = await publishedResultsBot(t, 'Busy');
    await bulkResults(t.server.running.store.driver, bot, 5_000, new Date(Date.UTC(2026, 10, 1)));
    // No gate this time: only the export's own pauses let this process (client and server) do anything else.
    const store = t.server.running.store;
    const original = store.streamResults;
    let handed = 0;
    store.streamResults = async function* (...args: Parameters<typeof original>): AsyncGenerator<StoredResult> {
      for await (const r of original.apply(store, args)) {
        handed++;
        yield r;
      }
    };
    try {
      const res = await t.api(`/bots/${bot}/results?format=csv`);
      const health = fetch(`${t.url}/healthz`).then(() => handed);
      const reader = res.body!.getReader();
      await read(reader, 'the first rows');
      const atFirstChunk = handed;
      const atHealth = await health;
      while (!(await read(reader, 'the rest')).done);
      expect(handed).toBe(5_000);
      expect(atFirstChunk).toBeLessThan(5_000);
      expect(atHealth).toBeLessThan(5_000);
    } finally {
      store.streamResults = original;
    }
  });

  it('stops reading the store when the client cancels a download halfway, and stays up', async () => {
    const bot = await publishedResultsBot(t, 'Cancelled');
    await seedResults(
      t,
      bot,
      Array.from({ length: 300 }, (_, i) => ({ variables: { email: `c${i}@example.com`, note: 'x'.repeat(500) } })),
    );
    const store = t.server.running.store;
    const original = store.streamResults;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished: (handed: number) => void = () => {};
    const ended = new Promise<number>((resolve) => (finished = resolve));
    let handed = 0;
    store.streamResults = async function* (...args: Parameters<typeof original>): AsyncGenerator<StoredResult> {
      try {
        for await (const r of original.apply(store, args)) {
          if (handed === 100) await gate;
          handed++;
          yield r;
        }
      } finally {
        finished(handed);
      }
    };
    try {
      const res = await t.api(`/bots/${bot}/results?format=csv`);
      const reader = res.body!.getReader();
      expect((await read(reader, 'the first rows')).done).toBe(false);
      await reader.cancel();
      release();
      // Ended early: the server stopped asking the store once the client was gone.
      expect(await ended).toBeLessThan(300);
    } finally {
      release();
      store.streamResults = original;
    }
    expect((await t.api(`/bots/${bot}/results?limit=1`)).status).toBe(200);
  });
});
