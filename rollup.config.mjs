// Builds the browser assets that ship as files: the JS-API stub, the builder and the manager console.
// Bot bundles are not built here: the server compiles each scenario with esbuild when it is published.
import { readFileSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/**
 * One line per shipped file. `name` is the global an IIFE assigns, when it exports anything.
 * To ship a new asset, add a line here; `npm run build` writes it to dist/.
 */
const entries = [
  // The snippet pages paste before the bot's script tag, so JS-API calls made early are queued.
  { input: 'runtime/stub.ts', file: 'dist/stub.min.js' },
  // The manager console (/console).
  { input: 'server/console/main.tsx', file: 'dist/console.js' },
  // The builder page, its stylesheet (Drawflow's plus ours) and the page its preview can run in.
  {
    input: 'builder/main.tsx',
    file: 'dist/builder.js',
    assets: { 'builder.css': ['node_modules/drawflow/dist/drawflow.min.css', 'builder/builder.css'], 'preview.html': ['builder/preview/frame.html'] },
  },
];

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
    generateBundle() {
      for (const [fileName, files] of Object.entries(assets)) {
        this.emitFile({ type: 'asset', fileName, source: files.map((f) => readFileSync(f, 'utf8')).join('\n') });
      }
    },
  };
}

export default entries.map(({ input, file, name, assets }) => ({
  input,
  output: { file, format: 'iife', name, sourcemap: false },
  // The builder bundles the compiler's checks, whose dependencies include CommonJS packages.
  plugins: assets ? [commonjs(), ...plugins(), copyAssets(assets)] : plugins(),
  // A warning in a shipped asset is usually a real problem (a missing export, a circular import).
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
