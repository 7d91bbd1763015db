/** Test support: a real HTTP endpoint on 127.0.0.1 whose answers a test scripts and whose calls it records. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  method: string;
  path: string;
  key: string | undefined;
  body: string;
  at: number;
}

export async function testEndpoint(answer: (call: Call, n: number) => { status: number; body?: unknown }) {
  const calls: Call[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const call = { method: req.method!, path: req.url!, key: req.headers['idempotency-key'] as string | undefined, body, at: Date.now() };
    calls.push(call);
    const a = answer(call, calls.length);
    res.writeHead(a.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(a.body ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise((r) => server.close(r)) };
}
