import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, CLIENT_MESSAGES, createClient, type StartTimer } from './client.ts';
import { REST_ERRORS } from './errors.ts';

// A real HTTP server on a free port: each test says how it answers, and sees what arrived.
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const reply = (status: number, body: string, type = 'application/json'): Handler => {
  return (_req, res) => res.writeHead(status, { 'Content-Type': type }).end(body);
};

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the call should have failed'),
    (err: unknown) => err as ApiError,
  );

describe('the web client', () => {
  it('sends JSON with its headers and answers the parsed body', async () => {
    let seen: { method?: string; url?: string; type?: string; auth?: string; body?: string } = {};
    handler = (req, res, body) => {
      seen = {
        method: req.method,
        url: req.url,
        type: req.headers['content-type'],
        auth: req.headers.authorization,
        body,
      };
      res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"id":"b_1"}');
    };
    const client = createClient({ base, headers: () => ({ Authorization: 'Bearer t' }) });
    const bot = await client.json<{ id: string }>('/bots', { method: 'POST', json: { name: 'A' } });
    expect(bot).toEqual({ id: 'b_1' });
    expect(seen).toEqual({
      method: 'POST',
      url: '/api/v1/bots',
      type: 'application/json',
      auth: 'Bearer t',
      body: '{"name":"A"}',
    });
  });

  it('answers undefined for a 204 with no body', async () => {
    handler = (_req, res) => res.writeHead(204).end();
    expect(await createClient({ base }).json('/session', { method: 'DELETE' })).toBeUndefined();
  });

  it("turns the server's coded error into an ApiError with its code, status, message and diagnostics", async () => {
    const diagnostics = [{ code: 'node.dangling_next', severity: 'error', message: 'Goes nowhere', nodeId: 'a' }];
    handler = reply(
      422,
      JSON.stringify({ error: { code: 'compile.failed', message: 'The draft has 1 error', diagnostics } }),
    );
    const err = await failure(createClient({ base }).request('/bots/b/publish', { method: 'POST' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'compile.failed', message: 'The draft has 1 error', diagnostics });
  });

  it("words a 400 by its fields' sentences and keeps each by field name", async () => {
    handler = reply(
      400,
      JSON.stringify({
        error: {
          code: 'request.invalid',
          message: 'The request body is invalid',
          details: [
            { path: 'email', message: 'Enter an email address.' },
            { path: 'password', message: 'Use at least 8 characters.' },
          ],
        },
      }),
    );
    const err = await failure(createClient({ base }).request('/setup', { method: 'POST', json: {} }));
    expect(err.message).toBe('Enter an email address. Use at least 8 characters.');
    expect(err.fields).toEqual({ email: 'Enter an email address.', password: 'Use at least 8 characters.' });
  });

  it("takes the catalogue's sentence for a code the answer does not word", async () => {
    handler = reply(404, JSON.stringify({ error: { code: 'bot.not_found' } }));
    const messageFor = (code: string) => (code === 'bot.not_found' ? 'There is no such bot.' : undefined);
    const err = await failure(createClient({ base, messageFor }).request('/bots/x'));
    expect(err).toMatchObject({ status: 404, code: 'bot.not_found', message: 'There is no such bot.' });
  });

  it('words a code the answer leaves without a message by the REST error catalogue', async () => {
    handler = reply(409, JSON.stringify({ error: { code: 'org.last_owner' } }));
    const err = await failure(createClient({ base }).request('/users/u_1', { method: 'DELETE' }));
    expect(err).toMatchObject({ status: 409, code: 'org.last_owner', message: REST_ERRORS['org.last_owner'].message });
  });

  it("gives a proxy's HTML error page an http.<status> code and a sentence, never the page", async () => {
    handler = reply(502, '<html><body>Bad gateway</body></html>', 'text/html');
    const err = await failure(createClient({ base }).request('/bots'));
    expect(err.status).toBe(502);
    expect(err.code).toBe('http.502');
    expect(err.message).toBe('The server answered 502 (Bad Gateway). Try again.');
  });

  it('says response.invalid when a success is not the JSON it should be', async () => {
    handler = reply(200, '<!doctype html><title>Login</title>', 'text/html');
    const err = await failure(createClient({ base }).json('/bots'));
    expect(err).toMatchObject({ status: 200, code: 'response.invalid', message: CLIENT_MESSAGES['response.invalid'] });
  });

  it('calls onUnauthorized on a 401 and still throws its coded error', async () => {
    handler = reply(401, JSON.stringify({ error: { code: 'auth.required', message: 'Please sign in' } }));
    let told = 0;
    const err = await failure(createClient({ base, onUnauthorized: () => told++ }).json('/handoffs'));
    expect(told).toBe(1);
    expect(err).toMatchObject({ status: 401, code: 'auth.required' });
  });

  it('says network.offline when nothing listens at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(createClient({ base: `http://127.0.0.1:${port}/api/v1` }).json('/bots'));
    expect(err).toMatchObject({ status: 0, code: 'network.offline', message: CLIENT_MESSAGES['network.offline'] });
  });

  it('says network.timeout when the server holds the call past the timeout', async () => {
    // The server never answers; the injected timer fires as soon as the request has arrived.
    let fire: (() => void) | undefined;
    let askedFor = 0;
    const startTimer: StartTimer = (f, ms) => {
      fire = f;
      askedFor = ms;
      return () => (fire = undefined);
    };
    handler = () => fire?.();
    const err = await failure(createClient({ base, startTimer, timeoutMs: 5_000 }).json('/bots'));
    expect(askedFor).toBe(5_000);
    expect(err).toMatchObject({ status: 0, code: 'network.timeout', message: CLIENT_MESSAGES['network.timeout'] });
  });

  it("lets one call wait longer than the client's timeout and cancels its timer once answered", async () => {
    let asked = 0;
    let cancelled = 0;
    const startTimer: StartTimer = (_f, ms) => ((asked = ms), () => cancelled++);
    handler = reply(200, '{"ok":true}');
    await createClient({ base, startTimer, timeoutMs: 5_000 }).json('/bots/b/preview', { timeoutMs: 60_000 });
    expect(asked).toBe(60_000);
    expect(cancelled).toBe(1);
  });
});
