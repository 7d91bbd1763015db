import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAssets, configInputs, configOutputs, loadAssetsConfig, type AssetsConfig } from './asset-build.ts';
import { assetFingerprint } from './asset-fingerprint.ts';
import { lockBuild } from './build-lock.ts';

/** The checkout this server runs from: where rollup.config.mjs and the sources are. */
export const CHECKOUT = fileURLToPath(new URL('../../', import.meta.url));

/** Where a build records what it was built from. A dotfile: /assets/ does not serve it. */
export const STAMP_FILE = '.assets-stamp.json';

export interface AssetsStamp {
  fingerprint: string;
  files: string[];
  builtAt: string;
}

/** What `ensureAssets` found or did; `failed` means `dir` holds no usable build. */
export type AssetsState =
  | { status: 'current' | 'shipped'; dir: string; fingerprint?: string }
  | { status: 'built'; dir: string; fingerprint: string; files: string[]; ms: number; inputs: string[] }
  | { status: 'failed'; dir: string; error: unknown };

interface Log {
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface EnsureAssetsOptions {
  log: Log;
  /** The checkout to build from (default: this one). */
  root?: string;
  /** The output folder (default: `<root>/dist`). */
  dir?: string;
  /** Build even when the folder is current (`npm run build`). */
  force?: boolean;
}

/**
 * Makes sure `dir` holds the builder, console and stub built from the sources as they are now, building
 * them when they are missing or stale (the stamp's fingerprint is not the sources'). Logs one line.
 * Never throws: a failed build is logged and reported as `failed`, and the server runs without those pages.
 */
export async function ensureAssets(options: EnsureAssetsOptions): Promise<AssetsState> {
  const root = options.root ?? CHECKOUT;
  const dir = options.dir ?? join(root, 'dist');
  const { log } = options;
  const started = performance.now();
  try {
    const config = await loadAssetsConfig(root);
    // A deployment that ships dist/ without the sources has nothing to rebuild from.
    if (!config.entries.every((e) => existsSync(join(root, e.input))) && (await readStamp(dir))) {
      log.info({ dir }, 'browser assets: no sources to build from, serving them as shipped');
      return { status: 'shipped', dir };
    }
    const fingerprint = await assetFingerprint(root, configInputs(config));
    if (!options.force && (await isCurrent(dir, fingerprint))) {
      log.debug({ dir, fingerprint }, 'browser assets are current');
      return { status: 'current', dir, fingerprint };
    }
    await mkdir(dir, { recursive: true });
    const release = await lockBuild(dir);
    try {
      // Another server may have built them while this one waited for the lock.
      if (!options.force && (await isCurrent(dir, fingerprint))) {
        log.debug({ dir, fingerprint }, 'browser assets are current (another process built them)');
        return { status: 'current', dir, fingerprint };
      }
      const output = await buildInPlace(config, dir, fingerprint);
      const ms = Math.round(performance.now() - started);
      log.info(
        { dir, ms, fingerprint, warnings: output.warnings.length ? output.warnings : undefined },
        builtMessage(root, dir, output.files, ms),
      );
      return { status: 'built', dir, fingerprint, files: output.files, ms, inputs: output.inputs };
    } finally {
      release();
    }
  } catch (error) {
    log.error(
      { err: error, dir },
      'could not build the browser assets: /builder and /console say they are not installed; the API and bot scripts work',
    );
    return { status: 'failed', dir, error };
  }
}

/** Whether `dir` has a stamp with this fingerprint and every file it lists. */
export async function isCurrent(dir: string, fingerprint: string): Promise<boolean> {
  const stamp = await readStamp(dir);
  return stamp?.fingerprint === fingerprint && stamp.files.every((f) => existsSync(join(dir, f)));
}

export async function readStamp(dir: string): Promise<AssetsStamp | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, STAMP_FILE), 'utf8')) as AssetsStamp;
  } catch {
    return undefined;
  }
}

/**
 * Builds into a fresh folder inside `dir`, then renames each file into place and the stamp last: a reader
 * sees a whole old file or a whole new one, never part of one, and a stamp only once its files are there.
 */
async function buildInPlace(config: AssetsConfig, dir: string, fingerprint: string) {
  await removeLeftovers(dir);
  const staging = join(dir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const output = await buildAssets(config, staging);
    const previous = (await readStamp(dir))?.files ?? configOutputs(config);
    for (const file of output.files) await rename(join(staging, file), join(dir, file));
    // Files an older build wrote and this one does not: nothing links them any more.
    for (const file of previous.filter((f) => !output.files.includes(f))) await rm(join(dir, file), { force: true });
    const stamp: AssetsStamp = { fingerprint, files: output.files, builtAt: new Date().toISOString() };
    await writeFile(join(staging, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
    await rename(join(staging, STAMP_FILE), join(dir, STAMP_FILE));
    return output;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Staging folders of builds that died half-way; only called while holding the lock, so none is in use. */
async function removeLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.startsWith('.build-')) await rm(join(dir, name), { recursive: true, force: true });
  }
}

function builtMessage(root: string, dir: string, files: string[], ms: number): string {
  const where = relative(root, dir) || '.';
  return `built the browser assets (${files.join(', ')}) into ${where.startsWith('..') ? dir : where}/ in ${(ms / 1000).toFixed(1)} s`;
}
