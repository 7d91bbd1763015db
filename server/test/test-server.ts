import { randomBytes } from 'node:crypto';
import { createServer, type ChatletServer } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import { makeDataDir } from './temp-data-dir.ts';

export interface TestServer {
  /** Where to send requests: the bound loopback address. */
  url: string;
  /** PUBLIC_URL as the server uses it in bundles and API answers. */
  publicUrl: string;
  token: string;
  dataDir: string;
  server: ChatletServer;
  /** fetch against the server with the admin token; a JSON `body` is serialised. */
  api(path: string, init?: Omit<RequestInit, 'body'> & { body?: unknown; token?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts a real server on a free port with a fresh DATA_DIR (unless given one, or a DATABASE_URL), no demo and silent logs. */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const data = overrides.dataDir || overrides.databaseUrl ? null : await makeDataDir();
  const token = `test-${randomBytes(12).toString('hex')}`;
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir: data?.dir ?? overrides.dataDir ?? '',
    adminToken: token,
    logLevel: 'silent',
    demoDir: null,
    bodyLimitBytes: 2 * 1024 * 1024,
    bundleCacheTtlMs: 5_000,
    shutdownGraceMs: 2_000,
    // Tests make many requests from one IP; the limits have tests of their own.
    rateLimits: 'off',
    ...overrides,
  };
  const server = createServer(config);
  const { port, url: publicUrl } = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    publicUrl,
    token: config.adminToken ?? token,
    dataDir: config.dataDir,
    server,
    api(path, init = {}) {
      const { body, token: tokenOverride, headers, ...rest } = init;
      const auth = tokenOverride === undefined ? config.adminToken : tokenOverride;
      return fetch(`${url}/api/v1${path}`, {
        ...rest,
        headers: {
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(headers as Record<string, string> | undefined),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async stop() {
      await server.close();
      await data?.remove();
    },
  };
}

/** The smallest valid scenario; `text` makes each one (and its bundle) distinct. */
export function scenario(text = 'Hello'): Record<string, unknown> {
  return {
    format: 'chatlet.scenario/1',
    name: 'Test bot',
    start: 'a',
    nodes: [
      { id: 'a', type: 'message', text, next: 'b' },
      { id: 'b', type: 'end' },
    ],
  };
}

/** A scenario the compiler must refuse: its first node points at a node that does not exist. */
export function brokenScenario(): Record<string, unknown> {
  return {
    format: 'chatlet.scenario/1',
    name: 'Broken',
    start: 'a',
    nodes: [{ id: 'a', type: 'message', text: 'Hi', next: 'nowhere' }],
  };
}

/** Asserts nothing in a response body looks like a stack trace or a file path of ours. */
export function looksLikeStack(text: string): boolean {
  return /\n\s+at .+\(|\bat .+\.ts:\d+|\/work\/|node_modules/.test(text);
}
