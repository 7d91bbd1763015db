import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../store/data-dir-lock.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process group is gone. */
  exited: Promise<number | string>;
  /** SIGKILL to the whole process group: npx, tsx and the server die at once, no cleanup runs. */
  kill9(): void;
  terminate(): void;
}

/** The server's own pid, from its "listening" log line (npx and tsx sit between it and us). */
const LISTENING_PID = /"pid":(\d+)[^\n]*Chatlet is listening/;

function serverPid(output: string): number {
  const match = LISTENING_PID.exec(output);
  if (!match) throw new Error(`the server never logged its pid:\n${output}`);
  return Number(match[1]);
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * Runs `npx tsx server/main.ts` the way `npm start` does, in its own process group, and waits for /healthz.
 * `cwd` runs another checkout (a copy of this one); `extraEnv` adds settings such as ASSETS_DIR; `entry` runs
 * another script that logs the same listening line (server/timers/test/clocked-server.ts).
 */
export async function startChildServer(env: {
  port: number;
  dataDir: string;
  token: string;
  cwd?: string;
  extraEnv?: Record<string, string>;
  entry?: string;
}): Promise<ChildServer> {
  const url = `http://127.0.0.1:${env.port}`;
  const child = spawn('npx', ['tsx', env.entry ?? 'server/main.ts'], {
    cwd: env.cwd ?? ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(env.port),
      DATA_DIR: env.dataDir,
      PUBLIC_URL: url,
      CHATLET_ADMIN_TOKEN: env.token,
      LOG_LEVEL: 'info',
      ...env.extraEnv,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // npx leads the group and may exit before the server under it is gone (a SIGKILLed process
  // finishes the write it is in first): the server's own pid is waited for too.
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  ).then(async (result) => {
    const pid = LISTENING_PID.exec(output)?.[1];
    for (let i = 0; pid && isAlive(Number(pid)) && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    return result;
  });
  const server: ChildServer = {
    url,
    process: child,
    output: () => output,
    exited,
    kill9: () => process.kill(-child.pid!, 'SIGKILL'),
    // To the server process itself, as a process manager would send it; npx then exits with the server's code.
    terminate: () => process.kill(serverPid(output), 'SIGTERM'),
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const exitedEarly = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 200)),
    ]);
    if (exitedEarly) throw new Error(`server exited during startup:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
  }
  server.kill9();
  throw new Error(`server did not become healthy within 60 s:\n${output}`);
}
