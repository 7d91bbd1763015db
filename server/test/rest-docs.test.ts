import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST_ERRORS } from '../../rest/index.ts';
import { describedRoutes } from '../openapi/describe-route.ts';
import { scenario, startTestServer, type TestServer } from './test-server.ts';

const DOC = fileURLToPath(new URL('../../docs/rest-api.md', import.meta.url));
const run = promisify(execFile);

interface Example {
  code: string;
  /** The status written under the block as `→ **NNN**`. */
  status: number;
}

/** The `sh` blocks of docs/rest-api.md with the status each one documents. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const block = /```sh\n([\s\S]*?)```\s*\n\s*→ \*\*(\d{3})\*\*/g;
  for (let m = block.exec(markdown); m; m = block.exec(markdown)) examples.push({ code: m[1], status: Number(m[2]) });
  return examples;
}

/** The error table of docs/rest-api.md (`| status | codes | when |`): each code with the status its row gives. */
function documentedErrors(markdown: string): Map<string, number> {
  const codes = new Map<string, number>();
  for (const row of markdown.matchAll(/^\| (\d{3}) \| (.+?) \| .+\|$/gm)) {
    for (const code of row[2].matchAll(/`([a-z_.]+)`/g)) codes.set(code[1], Number(row[1]));
  }
  return codes;
}

describe('the error table of docs/rest-api.md', () => {
  it('lists every code of the REST error catalogue with its status, and no code the catalogue lacks', async () => {
    const documented = documentedErrors(await readFile(DOC, 'utf8'));
    const catalogue = new Map(Object.entries(REST_ERRORS).map(([code, entry]) => [code, entry.status]));
    const missing = [...catalogue].filter(([code, status]) => documented.get(code) !== status);
    const unknown = [...documented].filter(([code, status]) => catalogue.get(code) !== status);
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });
});

const haveCurl = await run('curl', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(!haveCurl)('docs/rest-api.md', () => {
  let t: TestServer;
  let dir: string;

  beforeAll(async () => {
    t = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'chatlet-rest-docs-'));
    // A curl that reports each response's status on stderr, so examples that pipe stdout stay untouched.
    await writeFile(
      join(dir, 'curl'),
      `#!/bin/sh\nexec "${(await run('sh', ['-c', 'command -v curl'])).stdout.trim()}" -w '%{stderr}@@status=%{http_code}\\n' "$@"\n`,
    );
    await chmod(join(dir, 'curl'), 0o755);
  });

  afterAll(async () => {
    await t?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'has curl examples whose documented statuses are what the server answers, in order, in one shell',
    { timeout: 180_000 },
    async () => {
      const examples = examplesOf(await readFile(DOC, 'utf8'));
      expect(examples.length).toBeGreaterThanOrEqual(50);
      const created = await (
        await t.api('/bots', { method: 'POST', body: { name: 'Docs', scenario: scenario() } })
      ).json();
      const script = examples.map((e, i) => `echo "@@block ${i}" >&2\n${e.code}\necho "@@done ${i}" >&2\n`).join('');
      const { stderr } = await run('bash', ['-c', script], {
        cwd: dir,
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, CHATLET: t.url, TOKEN: t.token, BOT: created.id },
      });
      const statuses: (number | null)[] = examples.map(() => null);
      let current = -1;
      for (const line of stderr.split('\n')) {
        const start = /^@@block (\d+)$/.exec(line);
        if (start) current = Number(start[1]);
        const status = /^@@status=(\d{3})$/.exec(line);
        if (status && current >= 0) statuses[current] = Number(status[1]);
      }
      expect(statuses.map((s, i) => `${s} ${examples[i].code.split('\n')[0]}`)).toEqual(
        examples.map((e) => `${e.status} ${e.code.split('\n')[0]}`),
      );
    },
  );

  it('has a section for every /api/v1 route, except those documented elsewhere (visitor protocol, handoffs, BPMN)', async () => {
    const doc = await readFile(DOC, 'utf8');
    const headings = doc.split('\n').filter((line) => line.startsWith('### '));
    const elsewhere = /^\/(visitor|handoffs|me|kpis|import)\//;
    const missing = describedRoutes()
      .filter((r) => !elsewhere.test(`${r.path}/`))
      .map((r) => `${r.method.toUpperCase()} /api/v1${r.path}`)
      .filter((route) => !headings.some((h) => h.includes(`\`${route}\``)));
    expect(missing).toEqual([]);
  });
});
