import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup, type LoggingFunction, type OutputOptions, type RollupLog, type RollupOptions } from 'rollup';

/** What rollup.config.mjs exports: its entry list, and Rollup's options for them writing into a folder. */
export interface AssetsConfig {
  entries: { input: string; file: string; format?: 'es' | 'iife'; assets?: Record<string, string[]> }[];
  rollupOptions(outDir: string): RollupOptions[];
}

/** The result of one build: the files written (names inside the output folder), every file Rollup read, its warnings. */
export interface AssetsOutput {
  files: string[];
  inputs: string[];
  warnings: string[];
}

/** Imports `<root>/rollup.config.mjs`, the one list of what ships (`npm start` and `npm run build` both use it). */
export async function loadAssetsConfig(root: string): Promise<AssetsConfig> {
  return (await import(pathToFileURL(join(root, 'rollup.config.mjs')).href)) as AssetsConfig;
}

/** The files the config names, relative to the checkout: each entry's input and the files its extra assets join. */
export function configInputs(config: AssetsConfig): string[] {
  return config.entries.flatMap((e) => [e.input, ...Object.values(e.assets ?? {}).flat()]);
}

/** The names an entry list writes into the output folder, chunks aside (their names carry a content hash). */
export function configOutputs(config: AssetsConfig): string[] {
  return config.entries.flatMap((e) => [e.file, ...Object.keys(e.assets ?? {})]).sort();
}

/**
 * Builds every entry with Rollup's JS API into `outDir`, one after the other (the machine's cores go to
 * esbuild, which Rollup calls). Warnings are collected for the caller's one log line instead of printed.
 */
export async function buildAssets(config: AssetsConfig, outDir: string): Promise<AssetsOutput> {
  const files: string[] = [];
  const inputs = new Set<string>();
  const warnings: string[] = [];
  const collect: LoggingFunction = (log) => {
    const entry = typeof log === 'function' ? log() : log;
    warnings.push(typeof entry === 'string' ? entry : describe(entry));
  };
  for (const options of config.rollupOptions(outDir)) {
    const configured = options.onwarn;
    const bundle = await rollup({
      ...options,
      onwarn: (warning) => (configured ? configured(warning, collect) : collect(warning)),
    });
    try {
      const { output } = await bundle.write(options.output as OutputOptions);
      for (const item of output) files.push(item.fileName);
      for (const file of bundle.watchFiles) inputs.add(file);
    } finally {
      await bundle.close();
    }
  }
  return { files: files.sort(), inputs: [...inputs].sort(), warnings };
}

function describe(log: RollupLog): string {
  return log.id ? `${log.message} (${log.id})` : log.message;
}
