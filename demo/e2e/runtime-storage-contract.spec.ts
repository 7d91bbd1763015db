import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { IDB_HOOKS, MEMORY_HOOKS } from '../../runtime/test/storage-subjects.ts';
import { casesFor } from '../../runtime/storage/storage.contract.ts';
import { expect, test } from './support/test.ts';
import { servePage } from './support/pages.ts';

/**
 * The runtime storage's contract (runtime/storage/storage.contract.ts), the same cases vitest runs
 * on fake-indexeddb, run in Chromium on real IndexedDB through idb and on the memory storage. Each
 * case is its own test, named by its sentence. The hard cases are the browser's own: the origin's
 * site data cleared through the DevTools protocol under open connections, an upgrade while a
 * connection is open, and a connection that never lets go. Only a full disk is stood in for (a put
 * that throws QuotaExceededError): Chromium ignores the protocol's quota override.
 */

const HARNESS = fileURLToPath(new URL('./support/storage-contract-page.ts', import.meta.url));

let script: Promise<string> | undefined;
/** The harness and the runtime's storage, bundled once per worker as the runtime's bundles are (ES2020, minified). */
const harness = () =>
  (script ??= build({
    entryPoints: [HARNESS],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    logLevel: 'silent',
  }).then((out) => out.outputFiles[0].text));

/** A blank page on the server's origin (IndexedDB needs a real http origin) running the harness, with the DevTools hooks. */
async function contractPage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const origin = () => new URL(page.url()).origin;
  await page.exposeFunction('contractClearSiteData', async () => {
    await cdp.send('Storage.clearDataForOrigin', { origin: origin(), storageTypes: 'indexeddb' });
  });
  const path = await servePage(
    page,
    'storage-contract',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storage contract</title><link rel="icon" href="data:,"></head><body><script>${await harness()}</script></body></html>`,
  );
  await page.goto(path);
}

for (const [storage, label, hooks] of [
  ['idb', 'IndexedDB through idb (Chromium)', IDB_HOOKS],
  ['memory', 'memory (Chromium)', MEMORY_HOOKS],
] as const) {
  test.describe(`Storage contract: ${label}`, () => {
    for (const c of casesFor(hooks)) {
      test(c.name, async ({ page }) => {
        await contractPage(page);
        // A failing case rejects with its own words ("what: expected …, got …"), which this shows as the failure.
        const failure = await page.evaluate(
          ([s, name]) =>
            window.runStorageCase(s, name).then(
              () => null,
              (err: Error) => err.message,
            ),
          [storage, c.name] as const,
        );
        expect(failure, `the case "${c.name}"`).toBeNull();
      });
    }
  });
}
