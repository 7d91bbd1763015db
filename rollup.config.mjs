// Builds the browser assets that ship as files: the JS-API stub, the builder and the manager console.
// Bot bundles are not built here: the server compiles each scenario with esbuild when it is published.
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
  // Not written yet; uncomment when it lands:
  // { input: 'builder/main.tsx', file: 'dist/builder.js' },
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

export default entries.map(({ input, file, name }) => ({
  input,
  output: { file, format: 'iife', name, sourcemap: false },
  plugins: plugins(),
  // A warning in a shipped asset is usually a real problem (a missing export, a circular import).
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
