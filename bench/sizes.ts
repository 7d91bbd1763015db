import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Raw, gzip (level 9) and brotli (quality 11) sizes of one file, in bytes. */
export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** Measures a file the way a browser receives it from a server that precompresses at maximum level. */
export function measure(bytes: Uint8Array | string): Sizes {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** Kilobytes as the budgets and the peers' published figures count them: 1 KB = 1,000 bytes. */
export function kb(bytes: number): string {
  return (bytes / 1000).toFixed(1);
}
