/**
 * The README's set-up, run from nothing: a clone of the repository's HEAD in a temporary folder,
 * `npm ci` from its lock file, then `npm start` exactly as a new user types it. What is not
 * committed is not in the clone, so this checks what would be submitted, not the work tree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/test/child-server.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The environment a person at a fresh terminal has: none of the settings the e2e run gives its
 * own server (data dir, admin token, database), and none of the variables npm sets for the script
 * that runs this test (they name this work tree's package and prefix, not the clone's).
 */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const drop =
    /^(npm_lifecycle_|npm_package_|npm_command$|npm_execpath$|npm_node_execpath$|npm_config_local_prefix$|INIT_CWD$|E2E_PORT$|PORT$|DATA_DIR$|DATABASE_URL$|PUBLIC_URL$|CHATLET_|ASSETS_DIR$|REQUIRE_POSTGRES$|LOG_LEVEL$)/;
  for (const [key, value] of Object.entries(process.env)) if (!drop.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** A clone with its server, and what it takes to undo both. */
export class FreshClone {
  readonly dir = mkdtempSync(join(tmpdir(), 'chatlet-fresh-clone-'));
  /** How long each step took, in seconds, for the report. */
  readonly timings: Record<string, number> = {};
  private server?: ChildProcess;
  /** Every process group started here (git, npm ci, npm start): what clean-up stops. */
  private readonly groups: number[] = [];
  private serverOutput = '';
  private readonly cleanUpAtExit = () => this.killNow();

  constructor() {
    // A worker that dies mid-test still stops the server and removes the folder.
    process.once('exit', this.cleanUpAtExit);
  }

  /** `git clone` of HEAD: committed work only, as CI gets it. */
  async clone(): Promise<void> {
    await this.timed('clone', () => this.run('git', ['clone', '--quiet', '--no-hardlinks', REPO, this.dir], tmpdir()));
  }

  /** The README's install, from the lock file, reusing npm's cache (nothing new is downloaded). */
  async install(): Promise<void> {
    await this.timed('npm ci', () => this.run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], this.dir));
  }

  /**
   * `npm start` with only a port and a data folder of its own; resolves with the URL a user opens
   * once the server answers /healthz. No build step: the server must make its browser assets itself.
   */
  async start(timeoutMs: number): Promise<string> {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const env = userEnv({ PORT: String(port), DATA_DIR: join(this.dir, 'data') });
    // Its own process group, so stopping it stops npm, the shell and the server under them.
    const server = spawn('npm', ['start'], { cwd: this.dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.server = server;
    if (server.pid !== undefined) this.groups.push(server.pid);
    const keep = (chunk: Buffer) => (this.serverOutput = (this.serverOutput + chunk.toString()).slice(-20_000));
    server.stdout!.on('data', keep);
    server.stderr!.on('data', keep);
    await this.timed('npm start', async () => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (server.exitCode !== null || server.signalCode !== null)
          throw new Error(`npm start exited (${server.exitCode ?? server.signalCode}):\n${this.serverOutput}`);
        const ok = await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline)
          throw new Error(`npm start did not answer /healthz within ${timeoutMs} ms:\n${this.serverOutput}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    return url;
  }

  /** Stops the server (SIGTERM, as Ctrl-C would; SIGKILL after 10 s) and anything else still running, and removes the folder. */
  async dispose(): Promise<void> {
    process.off('exit', this.cleanUpAtExit);
    await this.timed('stop and remove', async () => {
      const group = this.server?.pid;
      if (group !== undefined && alive(group)) {
        signal(group, 'SIGTERM');
        const deadline = Date.now() + 10_000;
        while (alive(group) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      }
      this.killNow();
    });
  }

  /** Runs a command to its end in a process group of its own; rejects with the end of its output when it fails. */
  private run(command: string, args: string[], cwd: string): Promise<void> {
    return new Promise((resolve, reject) => {
      // Its own group, so a test that times out mid-install can stop npm and everything it started.
      const child = spawn(command, args, { cwd, env: userEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid !== undefined) this.groups.push(child.pid);
      let output = '';
      const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0
          ? resolve()
          : reject(new Error(`${command} ${args.join(' ')} ended with ${signal ?? `exit code ${code}`}:\n${output}`)),
      );
    });
  }

  private killNow(): void {
    for (const group of this.groups) if (alive(group)) signal(group, 'SIGKILL');
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }

  private async timed(step: string, work: () => Promise<void>): Promise<void> {
    const started = Date.now();
    try {
      await work();
    } finally {
      this.timings[step] = Math.round((Date.now() - started) / 100) / 10;
    }
  }
}

/**
 * Whether any process of the group is still running. A zombie (killed, waiting for a parent that
 * may never reap it in a container) holds no port or lock and counts as gone.
 */
function alive(group: number): boolean {
  if (existsSync('/proc/self/stat')) {
    return readdirSync('/proc').some((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        // "pid (name) state ppid pgrp ...": the fields after the name's closing parenthesis.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === group && state !== 'Z';
      } catch {
        return false;
      }
    });
  }
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(group: number, name: NodeJS.Signals): void {
  try {
    process.kill(-group, name);
  } catch {
    // Gone in between: nothing to stop.
  }
}
