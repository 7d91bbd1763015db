import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configInputs, configOutputs, loadAssetsConfig } from './asset-build.ts';
import { assetFingerprint, assetSources } from './asset-fingerprint.ts';
import { copyCheckout } from './checkout-copy.ts';
import { CHUNK_FILE } from './asset-cache.ts';
import { STAMP_FILE, ensureAssets, isCurrent, readStamp, type AssetsState } from './ensure-assets.ts';

/** A log that keeps its lines, to check that a start says one thing. */
function recorder() {
  const lines: { level: string; message: string; fields: object }[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, message, fields });
  return { lines, log: { info: at('info'), debug: at('debug'), error: at('error') } };
}

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('ensureAssets on a copy of this checkout', () => {
  let root: string;
  let work: string;
  let dist: string;
  let first: AssetsState;
  let firstLog: ReturnType<typeof recorder>;
  let outputs: string[];
  /** The chunks the build wrote beside the entries (acorn's), whose names carry a content hash. */
  let chunks: string[];
  let fingerprint: string;

  beforeAll(async () => {
    root = await copyCheckout();
    work = await mkdtemp(join(tmpdir(), 'chatlet-assets-'));
    dist = join(root, 'dist');
    const config = await loadAssetsConfig(root);
    outputs = configOutputs(config);
    fingerprint = await assetFingerprint(root, configInputs(config));
    firstLog = recorder();
    first = await ensureAssets({ root, log: firstLog.log });
    chunks = first.status === 'built' ? first.files.filter((f) => CHUNK_FILE.test(f)) : [];
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });

  it('builds the builder, console and stub into a folder that has none, stamps them, and says so in one line', async () => {
    expect(first.status).toBe('built');
    expect(chunks).toEqual([expect.stringMatching(/^acorn-syntax-[\w-]{8}\.js$/)]);
    expect((await readdir(dist)).sort()).toEqual([STAMP_FILE, ...outputs, ...chunks].sort());
    expect(await readStamp(dist)).toMatchObject({ fingerprint, files: [...outputs, ...chunks].sort() });
    expect((await stat(join(dist, 'builder.js'))).size).toBeGreaterThan(100_000);
    expect(firstLog.lines.map((l) => [l.level, l.message])).toEqual([
      [
        'info',
        expect.stringMatching(
          /^built the browser assets \(acorn-syntax-[\w-]{8}\.js, builder\.css, builder\.js, console\.js, preview\.html, stub\.min\.js\) into dist\/ in \d+\.\d s$/,
        ),
      ],
    ]);
  });

  it("counts a folder without the stamp's chunk as stale, so a build with acorn's chunk missing is rebuilt", async () => {
    const partial = join(work, 'no-chunk');
    await mkdir(partial);
    for (const file of outputs) await writeFile(join(partial, file), '');
    await writeFile(join(partial, STAMP_FILE), JSON.stringify(await readStamp(dist)));
    expect(await isCurrent(partial, fingerprint)).toBe(false);
    for (const file of chunks) await writeFile(join(partial, file), '');
    expect(await isCurrent(partial, fingerprint)).toBe(true);
  });

  it('does nothing but one debug line when the folder is current', async () => {
    const before = await stat(join(dist, 'builder.js'));
    const { lines, log } = recorder();
    expect((await ensureAssets({ root, log })).status).toBe('current');
    expect((await stat(join(dist, 'builder.js'))).mtimeMs).toBe(before.mtimeMs);
    expect(lines.map((l) => [l.level, l.message])).toEqual([['debug', 'browser assets are current']]);
  });

  it('fingerprints every file Rollup read for the build (node_modules stand in package-lock.json)', async () => {
    if (first.status !== 'built') throw new Error('no build');
    const covered = new Set(await assetSources(root, configInputs(await loadAssetsConfig(root))));
    // Packages resolve to the linked node_modules' real path; every other file must be one of the copy's sources.
    const read = first.inputs.filter((f) => !f.startsWith('\0') && !f.includes('/node_modules/'));
    expect(read).toContain(join(root, 'builder/main.tsx'));
    expect(read.filter((f) => !covered.has(relative(root, f)))).toEqual([]);
    expect(first.inputs).toContain(join(root, 'node_modules/drawflow/dist/drawflow.min.css'));
    expect(covered.has('node_modules/drawflow/dist/drawflow.min.css')).toBe(true);
  });

  it('has servers started together build a stale folder once, and readers see only whole old or whole new files', async () => {
    // The folder a previous checkout built: every file whole, stamped with other sources.
    const stale = join(work, 'stale');
    await mkdir(stale);
    const old = new Map<string, string>();
    for (const file of outputs) {
      const text = `/* built from older sources: ${file} */`;
      await writeFile(join(stale, file), text);
      old.set(file, sha(text));
    }
    await writeFile(
      join(stale, STAMP_FILE),
      JSON.stringify({ fingerprint: 'older-sources', files: outputs, builtAt: '2026-01-01T00:00:00Z' }),
    );

    const script = join(work, 'ensure.mts');
    await writeFile(
      script,
      `import { ensureAssets } from ${JSON.stringify(join(root, 'server/assets/ensure-assets.ts'))};
const quiet = () => undefined;
const state = await ensureAssets({ dir: process.argv[2], log: { info: quiet, debug: quiet, error: (f: { err: unknown }) => console.error(f.err) } });
console.log(JSON.stringify({ status: state.status }));`,
    );
    const starts = [0, 1, 2].map(() => run(join(root, 'node_modules/.bin/tsx'), [script, stale], root));

    const seen = new Map<string, Set<string>>(outputs.map((f) => [f, new Set()]));
    let done = false;
    const all = Promise.all(starts);
    const stop = () => void (done = true);
    all.then(stop, stop);
    while (!done) {
      for (const file of outputs) seen.get(file)!.add(sha(await readFile(join(stale, file))));
      JSON.parse(await readFile(join(stale, STAMP_FILE), 'utf8'));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const statuses = (await all).map((out) => JSON.parse(out.trim().split('\n').pop()!).status).sort();
    expect(statuses).toEqual(['built', 'current', 'current']);

    expect(await readStamp(stale)).toMatchObject({ fingerprint, files: [...outputs, ...chunks].sort() });
    expect((await readdir(stale)).sort()).toEqual([STAMP_FILE, ...outputs, ...chunks].sort());
    for (const file of outputs) {
      const fresh = sha(await readFile(join(stale, file)));
      expect(fresh, file).toBe(sha(await readFile(join(dist, file))));
      expect(
        [...seen.get(file)!].filter((h) => h !== old.get(file) && h !== fresh),
        `${file}: part-written`,
      ).toEqual([]);
    }
  });
});

describe('ensureAssets when the build fails', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'chatlet-broken-'));
    await writeFile(
      join(root, 'rollup.config.mjs'),
      `import { join } from 'node:path';
export const entries = [{ input: 'broken.js', file: 'broken.js' }];
export function rollupOptions(outDir) {
  return [{ input: join(${JSON.stringify(root)}, 'broken.js'), output: { file: join(outDir, 'broken.js'), format: 'iife' } }];
}`,
    );
    await writeFile(join(root, 'broken.js'), 'export const = ;');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reports failed with one error line, and leaves the folder as it was', async () => {
    const dist = join(root, 'dist');
    await mkdir(dist);
    await writeFile(join(dist, 'broken.js'), 'the previous build');
    const { lines, log } = recorder();
    const state = await ensureAssets({ root, dir: dist, log });
    expect(state.status).toBe('failed');
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['error', expect.stringMatching(/^could not build the browser assets: /)],
    ]);
    expect(await readdir(dist)).toEqual(['broken.js']);
    expect(await readFile(join(dist, 'broken.js'), 'utf8')).toBe('the previous build');
  });

  it('reports failed when the output folder cannot be written', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, '');
    const { lines, log } = recorder();
    expect((await ensureAssets({ root, dir: join(file, 'dist'), log })).status).toBe('failed');
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });
});

/** Runs a command to its end; rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}:\n${out}\n${err}`)),
    );
  });
}
