import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const DOC = readFileSync(new URL('docs/js-api.md', ROOT), 'utf8');

/** The `## TypeScript` section's code block, as a page author would copy it. */
function docTypes(): string {
  const section = DOC.slice(DOC.indexOf('## TypeScript'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/js-api.md has no ts block under "## TypeScript"');
  return block[1];
}

describe('the TypeScript types in docs/js-api.md', () => {
  it('compile, and are exactly the types the bundle implements (runtime/api.ts)', async () => {
    const dir = new URL('.tmp/doc-types/', ROOT);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      new URL('check.ts', dir),
      `import type { BotApi, ChatletGlobal, EventType } from '../../runtime/api.ts';
${docTypes()}
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Methods compare their parameters loosely (bivariance): each method's parameters and result are compared instead.
type Sig<F> = F extends (...a: infer A) => infer R ? [A, R] : F;
type Each<A, B> = { [K in keyof A | keyof B]: K extends keyof A & keyof B ? Same<Sig<A[K]>, Sig<B[K]>> : false };
export const events: Same<ChatletEvent, EventType> = true;
export const bot: Each<ChatletBot, BotApi> = {
  open: true,
  close: true,
  send: true,
  on: true,
  variables: true,
  reset: true,
  consent: true,
  forget: true,
};
export const global: Same<Window['Chatlet'], Omit<ChatletGlobal, 'q'>> = true;
// A page's own code, as the doc's examples write it.
window.Chatlet.on('end', (e) => console.log(e.variables));
window.Chatlet.bots['b_1'].send('pricing-viewed', { plan: 'pro' });
`,
    );
    writeFileSync(
      new URL('tsconfig.json', dir),
      JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { types: [] }, include: ['check.ts'] }),
    );
    const tsc = new URL('node_modules/.bin/tsc', ROOT).pathname;
    const run = promisify(execFile)(tsc, ['--noEmit', '-p', new URL('tsconfig.json', dir).pathname]).then(
      () => '',
      (e) => String(e.stdout) + String(e.stderr),
    );
    expect(await run).toBe('');
  }, 60_000);
});
