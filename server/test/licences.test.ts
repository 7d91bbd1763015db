/**
 * docs/licences.md lists every package a server installs to run (package.json "dependencies" and
 * what they pull in), with its version and licence. These tests read what is really installed, so
 * adding or upgrading a dependency without updating that page fails here, and so does a licence
 * outside the permissive list below (a copyleft one, or none at all).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOC = join(ROOT, 'docs/licences.md');

/** Licences that let Chatlet be used, changed and sold under MIT without releasing anything else. */
const ALLOWED = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'CC0-1.0']);

interface PackageRow {
  name: string;
  version: string;
  licence: string;
}

interface Manifest {
  name: string;
  version: string;
  license?: string | { type: string };
  licenses?: { type: string }[];
  os?: string[];
  cpu?: string[];
}

/** The licence a manifest declares, as one SPDX expression; `none` when it declares none. */
function licenceOf(manifest: Manifest): string {
  if (typeof manifest.license === 'string') return manifest.license;
  if (manifest.license) return manifest.license.type;
  if (manifest.licenses?.length) return manifest.licenses.map((l) => l.type).join(' OR ');
  return 'none';
}

/**
 * A build made for one operating system or CPU (esbuild's native executables) is listed once for
 * all of them, as `@scope/*`: which one is installed depends on the machine, not on the project.
 */
function listedName(manifest: Manifest): string {
  return isPlatformOnly(manifest) && manifest.name.startsWith('@') ? `${manifest.name.split('/')[0]}/*` : manifest.name;
}

function isPlatformOnly(manifest: Manifest): boolean {
  return manifest.os !== undefined || manifest.cpu !== undefined;
}

/** Whether an SPDX expression lets us use the package: one allowed choice of an OR, every part of an AND. */
function licenceAllowed(expression: string): boolean {
  const ids = expression
    .replace(/[()]/g, ' ')
    .split(/\s+(?:OR|AND|WITH)\s+/)
    .map((id) => id.trim());
  return /\s(AND|WITH)\s/.test(expression) ? ids.every((id) => ALLOWED.has(id)) : ids.some((id) => ALLOWED.has(id));
}

/** Every installed runtime package, with the manifest npm installed for it. */
function installedRuntimeManifests(): Manifest[] {
  // npm exits non-zero for a tree with problems (an extraneous package, say) but still lists it.
  const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const dirs = ls.stdout.split('\n').filter((dir) => dir && dir !== ROOT.replace(/\/$/, ''));
  if (!dirs.length) throw new Error(`npm ls listed no packages: ${ls.stderr}`);
  return dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest);
}

/** The platform-only builds the lock file can install for runtime packages, on any machine. */
function lockedPlatformManifests(): Manifest[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, Omit<Manifest, 'name'> & { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path && !entry.dev && isPlatformOnly({ ...entry, name: '' }))
    .map(([path, entry]) => ({
      ...entry,
      name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
    }));
}

function rowOf(manifest: Manifest): string {
  return `| ${listedName(manifest)} | ${manifest.version} | ${licenceOf(manifest)} |`;
}

/** The table rows under a `## heading` of docs/licences.md, sorted and without duplicates. */
function documentedRows(heading: string): string[] {
  const markdown = readFileSync(DOC, 'utf8');
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/licences.md has no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  const rows = section.split('\n').filter((line) => /^\| (?!package \|)[^-]/.test(line));
  return sorted(rows);
}

function sorted(rows: string[]): string[] {
  return [...new Set(rows)].sort();
}

function parseRow(row: string): PackageRow {
  const [name, version, licence] = row
    .split('|')
    .slice(1, 4)
    .map((cell) => cell.trim());
  return { name, version, licence };
}

const installed = installedRuntimeManifests();

describe('docs/licences.md', () => {
  it('lists every installed runtime package with the version and licence it declares, and nothing else', () => {
    // On failure the diff shows the rows to add (+) or remove (-) under "## Runtime dependencies".
    const expected = sorted(installed.filter((m) => !isPlatformOnly(m)).map(rowOf));
    expect(documentedRows('Runtime dependencies')).toEqual(expected);
  });

  it('lists every platform-only build the lock file can install, including the one installed here', () => {
    const locked = sorted(lockedPlatformManifests().map(rowOf));
    expect(documentedRows('Installed on some platforms only')).toEqual(locked);
    const here = installed.filter(isPlatformOnly).map(rowOf);
    expect(here.filter((row) => !locked.includes(row))).toEqual([]);
  });

  it('allows only permissive licences for runtime packages', () => {
    // What is installed and locked, not what the page says: a new package is checked even before it is listed.
    const rows = sorted([...installed, ...lockedPlatformManifests()].map(rowOf)).map(parseRow);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((row) => !licenceAllowed(row.licence))).toEqual([]);
  });

  it('would refuse a copyleft licence, a package with no licence, and a copyleft part of an AND', () => {
    expect(licenceAllowed('GPL-3.0-only')).toBe(false);
    expect(licenceAllowed('AGPL-3.0-or-later')).toBe(false);
    expect(licenceAllowed('none')).toBe(false);
    expect(licenceAllowed('(MIT AND GPL-2.0-only)')).toBe(false);
    expect(licenceAllowed('(MIT OR GPL-3.0-only)')).toBe(true);
    expect(licenceAllowed('(MIT OR CC0-1.0)')).toBe(true);
  });
});

describe("Chatlet's own licence", () => {
  it('is MIT, in package.json and in LICENSE', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license?: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8').split('\n')[0]).toBe('MIT License');
  });
});
