import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

describe('keep-alive connections', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps an idle connection open past the 5 s at which Node would close it, and answers a request sent on it then', async () => {
    // Load balancers and client pools keep idle connections up to ~60 s; a server that closes one
    // first races a request being sent on it, which the client sees as ECONNRESET or a 502.
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let closedAt = 0;
    socket.on('data', (b) => (received += b));
    socket.on('close', () => (closedAt = Date.now()));
    const ask = () => socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const answers = () => received.split('HTTP/1.1 200').length - 1;
    try {
      await new Promise((r) => socket.once('connect', r));
      ask();
      await expect.poll(answers).toBe(1);
      expect(received).toMatch(/keep-alive: timeout=65/i);
      await new Promise((r) => setTimeout(r, 6_000));
      expect(closedAt).toBe(0);
      ask();
      await expect.poll(answers).toBe(2);
    } finally {
      socket.destroy();
    }
  }, 20_000);
});
