import { build, transform } from 'esbuild';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPEC_PLACEHOLDER, type BundleParts } from './module-source.ts';

/**
 * The bundle's language level. ES2020 (optional chaining, `??`) runs in every browser that has the
 * constructable stylesheets the widget needs anyway (Chrome 80+, Firefox 101+, Safari 16.4+), and
 * keeping that syntax rather than lowering it to ES2019 saves about 250 bytes gzip.
 */
const TARGET = 'es2020';
/**
 * Property names of xstate's inner workings that terser shortens as well (about 135 bytes gzip):
 * the actor's and the system's plumbing, the state nodes' own fields and the logic methods the
 * actor calls. Each is read and written only inside the bundle. None may be a key of what crosses
 * its edge: a key xstate reads from the spec, which is minified apart (`states`, `on`, `target`,
 * `reenter`, `version`… even those our compiler does not write yet), a saved snapshot (`status`,
 * `value`, `context`, `children`, `snapshot`, `src`, `systemId`, `syncSnapshot`, `input`,
 * `historyValue`), tab messages, server JSON, the page's API (`send`, `on`…) or the DOM. Names the
 * DOM also has (`parent`, `system`, `config`) terser keeps whatever the list says, so they are not in it.
 */
const XSTATE_INTERNALS = [
  'actionExecutor',
  'actorRef',
  'deferred',
  'definition',
  'emitted',
  'eventListeners',
  'eventType',
  'getInitialSnapshot',
  'getPersistedSnapshot',
  'getSnapshot',
  'getStateNodeById',
  'getTransitionData',
  'idMap',
  'implementations',
  'logger',
  'logic',
  'machine',
  'mailbox',
  'microstep',
  'observers',
  'ownEvents',
  'provide',
  'resolveState',
  'restoreSnapshot',
  'rootId',
  'sourceRef',
  'stateNodes',
  'stopChild',
  'transitions',
];

/**
 * Preact's component hooks and class fields, shortened by terser too (about 165 bytes gzip): the
 * bundle's preact is its own copy, and only the bundle's own components (the widget) define or call
 * them, so renaming them everywhere at once changes nothing. The page's preact, if it has one, is a
 * different copy that never sees these components.
 */
const PREACT_HOOKS = [
  'componentDidCatch',
  'componentDidMount',
  'componentDidUpdate',
  'componentWillMount',
  'componentWillReceiveProps',
  'componentWillUnmount',
  'contextType',
  'debounceRendering',
  'defaultProps',
  'forceUpdate',
  'getChildContext',
  'getDerivedStateFromError',
  'getDerivedStateFromProps',
  'getSnapshotBeforeUpdate',
  'setState',
  'shouldComponentUpdate',
];

/**
 * Terser's settings. Property names that start with `_` are shortened too: they are xstate's and
 * preact's internals (`_snapshot`, `_processingStatus`, `__k`), read and written only inside the
 * bundle, about 170 bytes gzip, and so are XSTATE_INTERNALS and PREACT_HOOKS. No name the bundle
 * shares with anything outside it starts with `_`: the spec (minified apart), saved snapshots (xstate
 * leaves `_nodes` out of them and renames `_syncSnapshot`), tab messages, server JSON and the page's API.
 */
const TERSER = {
  ecma: 2020,
  // A third pass folds what the second left, and statements kept apart rather than joined with commas
  // gzip better (more repeated runs): 18 bytes gzip together. Neither changes what the code does.
  compress: { passes: 3, sequences: false },
  mangle: { properties: { regex: `^(_.*|${[...XSTATE_INTERNALS, ...PREACT_HOOKS].join('|')})$` } },
  format: { ascii_only: true },
} as const;

/** Runtime variants already built, by variant key: the costly part of a compile happens once per variant. */
const variants = new Map<string, Promise<string>>();

let fingerprint: string | undefined;
/** What a built variant depends on besides its key: the runtime's sources and the tools' versions. */
function runtimeFingerprint(runtimeDir: string): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256').update(
    `${process.env.npm_package_version}|${JSON.stringify([readTool('esbuild'), readTool('terser'), readTool('xstate'), readTool('preact'), readTool('idb')])}`,
  );
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) {
        if (e.name !== 'test') walk(join(dir, e.name));
      } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
        h.update(e.name).update(readFileSync(join(dir, e.name)));
    }
  };
  walk(runtimeDir);
  return (fingerprint = h.digest('hex').slice(0, 16));
}

function readTool(name: string): string {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/**
 * Variants are also kept on disk (in the OS temp folder), so a restarted server or another
 * process compiling the same kind of bot does not pay for esbuild and terser again.
 */
async function cachedVariant(key: string, build: () => Promise<string>, runtimeDir: string): Promise<string> {
  const dir = join(tmpdir(), 'chatlet-variants');
  const file = join(
    dir,
    createHash('sha256')
      .update(runtimeFingerprint(runtimeDir) + key)
      .digest('hex')
      .slice(0, 32) + '.js',
  );
  try {
    const code = readFileSync(file, 'utf8');
    // Used now: the newest files are the ones kept when the folder is pruned.
    touch(file);
    return code;
  } catch {
    const code = await build();
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
      prune(dir);
    } catch {
      // A read-only or full temp folder only costs speed.
    }
    return code;
  }
}

/** How many built variants the disk cache keeps: every runtime or build change adds new ones. */
export const VARIANTS_KEPT = 200;

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Another process pruned it meanwhile: it is rebuilt when next needed.
  }
}

/** Deletes all but the VARIANTS_KEPT most recently used variants. */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      try {
        return { f, used: statSync(join(dir, f)).mtimeMs };
      } catch {
        return { f, used: 0 };
      }
    })
    .sort((a, b) => b.used - a.used);
  for (const { f } of files.slice(VARIANTS_KEPT)) rmSync(join(dir, f), { force: true });
}

/** esbuild's settings for a variant: one IIFE, tree-shaken, for the browser. */
const ESBUILD = {
  bundle: true,
  write: false,
  format: 'iife',
  target: TARGET,
  platform: 'browser',
  treeShaking: true,
  legalComments: 'none',
  // Classic JSX calls preact's h directly: the automatic runtime would cost ~100 bytes gzip.
  jsx: 'transform',
  jsxFactory: 'h',
  jsxFragment: 'Fragment',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
} as const;

/**
 * esbuild's syntax and name minification before terser's: terser then ends about 110 bytes gzip
 * smaller than from esbuild's plain output (it folds what esbuild already folded differently).
 */
const PREMINIFY = { minifySyntax: true, minifyIdentifiers: true } as const;

const stdin = (source: string, runtimeDir: string) =>
  ({ contents: source, resolveDir: runtimeDir, loader: 'js', sourcefile: 'variant.js' }) as const;

/**
 * Builds a runtime variant: esbuild bundles it (tree-shaking) into an IIFE, then terser minifies it. Terser takes about 1 KB gzip more off a bundle than esbuild's minifier,
 * at a few hundred milliseconds, which the cache pays once per variant.
 */
async function buildVariant(source: string, runtimeDir: string, minified: boolean): Promise<string> {
  const result = await build({ ...ESBUILD, ...(minified ? PREMINIFY : {}), stdin: stdin(source, runtimeDir) });
  const code = result.outputFiles[0].text;
  if (!minified) return code;
  const out = await minify(code, TERSER);
  const min = out.code!;
  if (min.split(SPEC_PLACEHOLDER).length !== 2) throw new Error('the runtime variant lost its spec placeholder');
  return min;
}

/** A minified variant with what the size report reads: esbuild's metafile and a source map back to the runtime files. */
export interface ExplainedVariant {
  code: string;
  /** esbuild's metafile: every input module and the bytes it put in the (unminified) output */
  metafile: {
    inputs: Record<string, { bytes: number }>;
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  /** source map v3 of `code`, sources relative to the working directory */
  map: { sources: string[]; mappings: string };
}

/** Builds a variant exactly as `bundle()` does, plus its metafile and source map (for bench/size-report.ts). */
export async function explainVariant(source: string, runtimeDir: string): Promise<ExplainedVariant> {
  const result = await build({
    ...ESBUILD,
    ...PREMINIFY,
    stdin: stdin(source, runtimeDir),
    metafile: true,
    sourcemap: 'external',
    outfile: 'variant.js',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const esMap = result.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
  const out = await minify(js, { ...TERSER, sourceMap: { content: esMap } });
  return {
    code: out.code!,
    metafile: result.metafile as ExplainedVariant['metafile'],
    map: JSON.parse(out.map as string),
  };
}

/**
 * Bundles a bot into one minified ES2020 IIFE: the (cached) runtime variant, then the bot's spec.
 * ASCII output, so a self-hosted copy works whatever charset it is served with. Same input, same bytes.
 */
export async function bundle(
  parts: BundleParts,
  runtimeDir: string,
  minified = true,
): Promise<{ code: string; hash: string }> {
  const key = `${minified}|${runtimeDir}|${parts.variantKey}`;
  let variant = variants.get(key);
  if (!variant) {
    const source = parts.variant(runtimeDir);
    // The disk cache is keyed by what the build reads: the variant's source and the build settings.
    const diskKey = `${key}|${TARGET}|${JSON.stringify([PREMINIFY, TERSER])}|${createHash('sha256').update(source).digest('hex')}`;
    variant = cachedVariant(diskKey, () => buildVariant(source, runtimeDir, minified), runtimeDir);
    variants.set(key, variant);
    variant.catch(() => variants.delete(key));
  }
  // The spec is a function of the helpers `$`, minified on its own (fast), then put in the placeholder's place.
  // A call to a free function is kept by the minifier, and its argument is exactly the spec.
  const spec = await transform(`${SPEC_PLACEHOLDER}(($)=>(${parts.spec}))`, {
    loader: 'js',
    target: TARGET,
    minify: minified,
    charset: 'ascii',
    logLevel: 'silent',
  });
  const call = spec.code.trim().replace(/;$/, '');
  if (!call.startsWith(SPEC_PLACEHOLDER + '(') || !call.endsWith(')'))
    throw new Error('the spec did not minify to one expression');
  const specCode = call.slice(SPEC_PLACEHOLDER.length + 1, -1);
  const [head, tail] = (await variant).split(SPEC_PLACEHOLDER);
  const code = `${head}(${specCode})${tail.trim()}\n`;
  return { code, hash: createHash('sha256').update(code).digest('hex').slice(0, 20) };
}
