/** Test support: a real server in a child process that a test kills with SIGKILL and starts again on the same data. */
import { afterAll, beforeAll } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../../test/child-server.ts';
import { makeDataDir } from '../../test/temp-data-dir.ts';

/** What a crash test holds: the running server, a way to start one, and the admin API of the running one. */
export interface CrashServer {
  /** The server started last (the test kills it with `kill9()` and waits for `exited`). */
  readonly current: ChildServer;
  /** Starts the server on the same port and data folder; `extraEnv` goes to the child process. */
  start(extraEnv?: Record<string, string>): Promise<ChildServer>;
  /** A JSON call to the running server's `/api/v1` with the admin token (POST unless `method` says otherwise). */
  api(path: string, body?: unknown, method?: string): Promise<Response>;
}

/**
 * Registers the hooks of a describe block whose server is killed and restarted: one data folder and port for the
 * block, and after it every server it started is stopped (also one still starting when a test timed out) and the
 * folder removed. The clocked entry (clocked-server.ts) runs the server on a clock the test may move, without the
 * builder's pages, so nothing is built at start.
 */
export function crashServer(token: string): CrashServer {
  let data: Awaited<ReturnType<typeof makeDataDir>> | undefined;
  let port: number;
  let server: ChildServer | undefined;
  let starting: Promise<ChildServer> | undefined;

  beforeAll(async () => {
    data = await makeDataDir();
    port = await freePort();
  });

  afterAll(async () => {
    // A test that timed out while a restart was starting has no handle on that server yet: wait for it, so it
    // is stopped too rather than left running after the suite.
    const last = await starting?.catch(() => undefined);
    for (const s of new Set([server, last])) {
      if (s && s.process.exitCode === null && s.process.signalCode === null) s.kill9();
      await s?.exited;
    }
    await data?.remove();
  });

  return {
    get current() {
      if (!server) throw new Error('no server started yet');
      return server;
    },
    async start(extraEnv) {
      starting = startChildServer({
        port,
        dataDir: data!.dir,
        token,
        entry: 'server/timers/test/clocked-server.ts',
        extraEnv,
      });
      return (server = await starting);
    },
    api: (path, body, method = 'POST') =>
      fetch(`${server!.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}
