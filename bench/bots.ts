import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../compiler/index.ts';

/** A scenario whose bundle size we track, and the gzip budget it must stay within, if any. */
export interface TrackedBot {
  name: string;
  /** Path from the repository root. */
  path: string;
  /** Node types it uses, for the reader of the table. */
  uses: string;
  /** Maximum gzip size in bytes (1 KB = 1,000 bytes). */
  budget?: number;
}

export const TRACKED_BOTS: TrackedBot[] = [
  {
    name: 'full-featured',
    path: 'compiler/samples/valid/full-featured.json',
    uses: 'every node type',
    // The goal is 26,500 with idb inside; 28,119 is what this release reached (docs/performance.md says
    // where the rest is), so the budget sits just above it and catches any growth from here.
    budget: 28_200,
  },
  {
    name: 'message/choice/input',
    path: 'bench/scenarios/message-choice-input.json',
    uses: 'message, choice, input, end',
    // The goal is 22,000; 23,107 reached (see above).
    budget: 23_200,
  },
  {
    name: 'demo lead capture',
    path: 'demo/scenario.json',
    uses: 'message, choice, input, condition, set, end',
  },
];

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Reads a scenario file, relative to the repository root. */
export function readScenario(path: string): unknown {
  return JSON.parse(readFileSync(ROOT + path, 'utf8'));
}

/** Compiles a scenario the way the server publishes it (minified), or throws with its diagnostics. */
export async function buildBundle(scenario: unknown, botId = 'bench'): Promise<string> {
  const result = await compile(scenario, { botId, publicUrl: 'https://chatlet.example', minify: true });
  if (!result.ok || result.bundle === undefined) {
    const errors = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.nodeId ?? ''} ${d.message}`);
    throw new Error(`compile failed:\n${errors.join('\n')}`);
  }
  return result.bundle;
}
