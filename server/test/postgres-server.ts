import { execFile, spawn } from 'node:child_process';
import { access, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './child-server.ts';

const run = promisify(execFile);

export interface PostgresServer {
  /** A connection string for a new, empty database on this server. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Debian keeps PostgreSQL's server binaries outside PATH, under /usr/lib/postgresql/<major>/bin. */
export async function findPostgresBin(): Promise<string | null> {
  const majors = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  for (const major of majors.sort((a, b) => Number(b) - Number(a))) {
    const bin = `/usr/lib/postgresql/${major}/bin`;
    if (
      await access(`${bin}/pg_ctl`).then(
        () => true,
        () => false,
      )
    )
      return bin;
  }
  return null;
}

/**
 * The PostgreSQL binaries for a test file's PostgreSQL tests. Without them the tests are skipped
 * with a notice on the console; under REQUIRE_POSTGRES (set by .ci/run, which installs PostgreSQL)
 * this throws instead, so the file fails and PostgreSQL tests can never be skipped silently there.
 */
export async function postgresForTests(what: string): Promise<string | null> {
  const bin = await findPostgresBin();
  if (bin) return bin;
  const missing = 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl)';
  if (process.env.REQUIRE_POSTGRES)
    throw new Error(
      `${missing}, but REQUIRE_POSTGRES is set: ${what} must run. .ci/run installs the postgresql package.`,
    );
  console.warn(`NOTICE: ${missing}; skipping ${what}. Install the postgresql package to run them.`);
  return null;
}

/**
 * A throwaway PostgreSQL: initdb in a temp dir, pg_ctl start on a free loopback port, trust auth.
 * PostgreSQL refuses to run as root, so under root it runs as the `postgres` system user.
 */
export async function startPostgres(bin: string): Promise<PostgresServer> {
  const dir = await mkdtemp(join(tmpdir(), 'chatlet-pg-'));
  const asUser = userInfo().uid === 0 ? await systemUser('postgres') : undefined;
  if (asUser) await chown(dir, asUser.uid, asUser.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const pgRun = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(join(bin, tool), args, { ...asUser, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c) => (err += c));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} exited ${code}: ${err}`))));
    });
  await pgRun('initdb', ['-D', data, '-U', 'chatlet', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  await pgRun('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  let databases = 0;
  const admin = `postgres://chatlet@127.0.0.1:${port}/postgres`;
  return {
    async newDatabase() {
      const name = `chatlet_${process.pid}_${++databases}`;
      const { default: pg } = await import('pg');
      const client = new pg.Client(admin);
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return `postgres://chatlet@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}
