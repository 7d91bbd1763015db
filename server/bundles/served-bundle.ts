import type { Bundle } from '../store/types.ts';

/** A bundle ready to write to a socket: every encoding as a Buffer, the ETag precomputed. */
export interface ServedBundle {
  hash: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Wraps stored bytes without copying them. */
export function toServed(bundle: Bundle): ServedBundle {
  return {
    hash: bundle.hash,
    etag: `"${bundle.hash}"`,
    identity: Buffer.from(bundle.body, 'utf8'),
    gzip: asBuffer(bundle.gzip),
    br: asBuffer(bundle.brotli),
  };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
