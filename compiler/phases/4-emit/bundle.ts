import { build } from 'esbuild';
import { createHash } from 'node:crypto';

/** Bundles the entry module (ASCII output: a self-hosted copy works whatever charset it is served with) with the runtime into one minified ES2019 IIFE. Same input, same bytes. */
export async function bundle(source: string, runtimeDir: string, minify = true): Promise<{ code: string; hash: string }> {
  const result = await build({
    stdin: { contents: source, resolveDir: runtimeDir, loader: 'js', sourcefile: 'bot.js' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify,
    treeShaking: true,
    legalComments: 'none',
    // Classic JSX calls preact's h directly: the automatic runtime would cost ~100 bytes gzip.
    jsx: 'transform',
    jsxFactory: 'h',
    jsxFragment: 'Fragment',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return { code, hash: createHash('sha256').update(code).digest('hex').slice(0, 20) };
}
