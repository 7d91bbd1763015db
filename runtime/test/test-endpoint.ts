/** Test support: a real HTTP endpoint on 127.0.0.1 whose answers a test scripts and whose calls it records. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock.ts';

export interface Call {
  method: string;
  path: string;
  key: string | undefined;
  body: string;
  at: number;
}

/** A scripted answer: a status and body, optionally `after` a pause (ms, on the clock), or `drop`: the connection is cut without an answer. */
export interface Answer {
  status: number;
  body?: unknown;
  after?: number;
  drop?: boolean;
}

/**
 * Starts the endpoint. Calls are stamped, and `after` pauses kept, on `clock`: give it the
 * conversation's simulated clock and a slow answer comes only when the test moves time past it.
 */
export async function testEndpoint(answer: (call: Call, n: number) => Answer, clock?: Clock) {
  const now = () => (clock ? clock.now() : Date.now());
  const pause = (ms: number) => new Promise((r) => (clock ? clock.setTimeout(() => r(0), ms) : setTimeout(r, ms)));
  const calls: Call[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const call = {
      method: req.method!,
      path: req.url!,
      key: req.headers['idempotency-key'] as string | undefined,
      body,
      at: now(),
    };
    calls.push(call);
    const a = answer(call, calls.length);
    if (a.after) await pause(a.after);
    if (a.drop) return void req.socket.destroy();
    res.writeHead(a.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(a.body ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Slow answers still pending when a test ends must not hold the server open.
  return { url, calls, close: () => new Promise((r) => (server.close(r), server.closeAllConnections())) };
}
