import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient } from './client.ts';

// A real HTTP server on a free port, as in client.test.ts: it records each request and answers what the test set.
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const seen: { method?: string; url?: string }[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url });
    req.resume().on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

describe("the web client's results calls", () => {
  it('asks for a page of results with only the filters that are set, and answers the page', async () => {
    const page = { results: [], next: 'c2', columns: ['email'] };
    answer = json(200, page);
    seen.length = 0;
    const client = createClient({ base });
    expect(await client.results('b 1', { limit: 20, cursor: 'c1', completed: false, since: '2026-12-01' })).toEqual(
      page,
    );
    await client.results('b1', { cursor: null, until: new Date('2026-12-02T00:00:00Z'), visitorId: '' });
    await client.results('b1');
    expect(seen).toEqual([
      { method: 'GET', url: '/api/v1/bots/b%201/results?limit=20&cursor=c1&completed=false&since=2026-12-01' },
      { method: 'GET', url: '/api/v1/bots/b1/results?until=2026-12-02T00%3A00%3A00.000Z' },
      { method: 'GET', url: '/api/v1/bots/b1/results' },
    ]);
  });

  it('gives the CSV address with format=csv and the filters, without calling the server', () => {
    seen.length = 0;
    const client = createClient({ base: '/api/v1' });
    expect(client.resultsCsvUrl('b1', { completed: true, since: '2026-12-01' })).toBe(
      '/api/v1/bots/b1/results?completed=true&since=2026-12-01&format=csv',
    );
    expect(client.resultsCsvUrl('b1')).toBe('/api/v1/bots/b1/results?format=csv');
    expect(seen).toEqual([]);
  });

  it('asks for analytics of one version and date range', async () => {
    const analytics = { starts: 3, completions: 1, nodes: [], splits: [] };
    answer = json(200, analytics);
    seen.length = 0;
    const client = createClient({ base });
    expect(await client.analytics('b1', { version: 2, since: '2026-12-01', until: '2026-12-08' })).toEqual(analytics);
    expect(seen).toEqual([
      { method: 'GET', url: '/api/v1/bots/b1/analytics?version=2&since=2026-12-01&until=2026-12-08' },
    ]);
  });

  it('deletes one result, and erases a visitor answering how many went', async () => {
    seen.length = 0;
    const client = createClient({ base });
    answer = (_req, res) => res.writeHead(204).end();
    expect(await client.deleteResult('b1', 'r/1')).toBeUndefined();
    answer = json(200, { deleted: 4 });
    expect(await client.eraseVisitor('b1', 'v 1')).toBe(4);
    expect(seen).toEqual([
      { method: 'DELETE', url: '/api/v1/bots/b1/results/r%2F1' },
      { method: 'DELETE', url: '/api/v1/bots/b1/results?visitorId=v+1' },
    ]);
  });

  it("fails a delete of a result that is gone with the server's code", async () => {
    answer = json(404, { error: { code: 'results.not_found', message: 'This bot has no result with id "r1"' } });
    const err = await createClient({ base })
      .deleteResult('b1', 'r1')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'results.not_found' });
  });
});
