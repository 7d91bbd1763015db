import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Peers' embed scripts, taken from their npm packages so anyone can check the figures.
 * Versions are pinned: a figure means nothing without the exact file it was measured on.
 */
export interface Peer {
  product: string;
  pkg: string;
  version: string;
  /** Path inside the package. */
  file: string;
  note?: string;
}

export const PEERS: Peer[] = [
  { product: 'Typebot', pkg: '@typebot.io/js', version: '0.10.7', file: 'dist/web.js' },
  {
    product: 'Botpress',
    pkg: '@botpress/webchat',
    version: '4.5.2',
    file: 'dist/index.js',
    note: 'React and ReactDOM are peer dependencies left out of this file, so the real embed is larger',
  },
];

const CACHE = fileURLToPath(new URL('./.cache/', import.meta.url));

/** The tarball name `npm pack` writes for a package: `@scope/name` → `scope-name-<version>.tgz`. */
function tarballName(peer: Peer): string {
  return `${peer.pkg.replace(/^@/, '').replace('/', '-')}-${peer.version}.tgz`;
}

/** Returns the bytes of the peer's embed file, downloading the package once into bench/.cache/. */
export function readPeerFile(peer: Peer): Buffer {
  mkdirSync(CACHE, { recursive: true });
  const tarball = join(CACHE, tarballName(peer));
  if (!existsSync(tarball)) {
    execFileSync('npm', ['pack', `${peer.pkg}@${peer.version}`, '--silent', '--pack-destination', CACHE], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const extracted = join(CACHE, tarballName(peer).replace(/\.tgz$/, ''));
  const target = join(extracted, 'package', peer.file);
  if (!existsSync(target)) {
    mkdirSync(extracted, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', extracted, `package/${peer.file}`]);
  }
  return readFileSync(target);
}
