// Builds the browser assets that ship as files: the JS-API stub, the builder and the manager console.
// Bot bundles are not built here: the server compiles each scenario with esbuild when it is published.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

// Paths here are relative to this file's folder, not to the working directory: `npm start` builds with
// these options through Rollup's JS API (server/assets/), wherever it was started from.
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * One line per shipped file, named inside the output folder (dist/). `name` is the global an IIFE assigns,
 * when it exports anything; `format: 'es'` makes a module instead, whose dynamic imports become chunks. To ship a new asset, add a line here: `npm start` and `npm run build` write it.
 */
export const entries = [
  // The snippet pages paste before the bot's script tag, so JS-API calls made early are queued.
  { input: 'runtime/stub.ts', file: 'stub.min.js' },
  // The manager console (/console).
  { input: 'server/console/main.tsx', file: 'console.js' },
  // The builder page, its stylesheet (Drawflow's plus ours) and the page its preview can run in. An ES
  // module, so that what it imports on demand (acorn, for scripts' syntax) ships as a chunk of its own.
  {
    input: 'builder/main.tsx',
    file: 'builder.js',
    format: 'es',
    assets: {
      'builder.css': ['node_modules/drawflow/dist/drawflow.min.css', 'builder/builder.css'],
      'preview.html': ['builder/preview/frame.html'],
    },
  },
];

/**
 * Chunks an ES entry loads on demand, named by content: a name is never reused for other bytes, so
 * /assets/ lets browsers keep them for good, and a build's stamp lists them among its files.
 */
export const CHUNK_FILE_NAMES = '[name]-[hash].js';

/** The same transpile settings for every entry: minified ES2019, Preact's automatic JSX. */
function plugins() {
  return [
    nodeResolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx', '.json'] }),
    esbuild({
      target: 'es2019',
      minify: true,
      jsx: 'transform',
      jsxFactory: 'h',
      jsxFragment: 'Fragment',
      define: { 'process.env.NODE_ENV': '"production"' },
      legalComments: 'none',
    }),
  ];
}

/** Writes files beside an entry's script: each output name gets its source files joined. */
function copyAssets(assets) {
  return {
    name: 'chatlet-assets',
    buildStart() {
      // Listed among the build's inputs (bundle.watchFiles), like the modules it bundles.
      for (const files of Object.values(assets)) for (const f of files) this.addWatchFile(join(ROOT, f));
    },
    generateBundle() {
      for (const [fileName, files] of Object.entries(assets)) {
        this.emitFile({
          type: 'asset',
          fileName,
          source: files.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n'),
        });
      }
    },
  };
}

/** Rollup's options for every entry, writing into `outDir` (by default dist/ beside this file). */
export function rollupOptions(outDir = join(ROOT, 'dist')) {
  return entries.map(({ input, file, name, assets, format = 'iife' }) => ({
    input: join(ROOT, input),
    output:
      format === 'es'
        ? { dir: outDir, entryFileNames: file, chunkFileNames: CHUNK_FILE_NAMES, format, sourcemap: false }
        : { file: join(outDir, file), format, name, sourcemap: false },
    // The builder bundles the compiler's checks, whose dependencies include CommonJS packages.
    plugins: assets ? [commonjs(), ...plugins(), copyAssets(assets)] : plugins(),
    // A warning in a shipped asset is usually a real problem (a missing export, a circular import).
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  }));
}

export default rollupOptions();
