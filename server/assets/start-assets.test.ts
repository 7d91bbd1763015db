import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom } from '../test/accounts-fixture.ts';
import { freePort, startChildServer, type ChildServer } from '../test/child-server.ts';
import { makeDataDir } from '../test/temp-data-dir.ts';
import { configInputs, configOutputs, loadAssetsConfig } from './asset-build.ts';
import { assetFingerprint } from './asset-fingerprint.ts';
import { copyCheckout } from './checkout-copy.ts';
import { STAMP_FILE, readStamp } from './ensure-assets.ts';

const TOKEN = 'start-assets-test-token';
const STARTS_MS = 240_000;

/** `npm start` as a user runs it, in a copy of this checkout (others edit the shared one while this runs). */
describe('npm start and the browser assets', () => {
  let root: string;
  let server: ChildServer | undefined;
  const dataDirs: { remove: () => Promise<void> }[] = [];

  beforeAll(async () => {
    root = await copyCheckout();
  });
  afterEach(async () => {
    if (server) {
      server.terminate();
      await server.exited;
      server = undefined;
    }
  });
  afterAll(async () => {
    for (const data of dataDirs) await data.remove();
    await rm(root, { recursive: true, force: true });
  });

  async function start(): Promise<ChildServer> {
    const data = await makeDataDir();
    dataDirs.push(data);
    server = await startChildServer({ port: await freePort(), dataDir: data.dir, token: TOKEN, cwd: root });
    return server;
  }

  it(
    'after a pull, serves the builder rebuilt from the new sources, never the older build left in dist/',
    async () => {
      // dist/ as an older checkout left it: whole files, stamped with other sources.
      const config = await loadAssetsConfig(root);
      const dist = join(root, 'dist');
      await mkdir(dist, { recursive: true });
      for (const file of configOutputs(config))
        await writeFile(join(dist, file), `/* built from older sources: ${file} */`);
      await writeFile(
        join(dist, STAMP_FILE),
        JSON.stringify({ fingerprint: 'older-sources', files: configOutputs(config), builtAt: '2026-01-01T00:00:00Z' }),
      );

      const { url, output } = await start();
      const builder = await fetch(`${url}/assets/builder.js`);
      expect(builder.status).toBe(200);
      const served = await builder.text();
      expect(served).not.toContain('older sources');
      expect(served).toBe(await readFile(join(dist, 'builder.js'), 'utf8'));
      expect(served.length).toBeGreaterThan(100_000);
      expect(await readStamp(dist)).toMatchObject({ fingerprint: await assetFingerprint(root, configInputs(config)) });
      expect(output().match(/built the browser assets/g)).toHaveLength(1);
    },
    STARTS_MS,
  );

  it(
    'starts without building when dist/ is current',
    async () => {
      const before = await readFile(join(root, 'dist', STAMP_FILE), 'utf8');
      const { url, output } = await start();
      expect((await fetch(`${url}/assets/console.js`)).status).toBe(200);
      expect(await readFile(join(root, 'dist', STAMP_FILE), 'utf8')).toBe(before);
      expect(output()).not.toMatch(/built the browser assets|could not build/);
    },
    STARTS_MS,
  );

  it(
    'when the build fails, still starts: one error line, the API and bot scripts work, /builder says it is not installed',
    async () => {
      await writeFile(join(root, 'builder/main.tsx'), 'export const = ;');
      const { url, output } = await start();
      expect(output().match(/could not build the browser assets/g)).toHaveLength(1);
      expect((await fetch(`${url}/bots/demo.js`)).status).toBe(200);

      const setup = await fetch(`${url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.com', password: 'long enough', orgName: 'Acme' }),
      });
      expect(setup.status).toBe(201);
      const page = await fetch(`${url}/builder`, { headers: { cookie: cookieFrom(setup) } });
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('The builder is not installed');
      const script = await fetch(`${url}/assets/builder.js`);
      expect(script.status).toBe(404);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
    },
    STARTS_MS,
  );
});
