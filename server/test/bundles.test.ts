import { runInNewContext } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { bundleStoreReads, compiles } from '../metrics/registry.ts';
import { scenario, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

/** A raw GET, so we see the bytes on the wire (fetch would decompress them). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function publishedBot(text: string) {
  const created = await (
    await t.api('/bots', { method: 'POST', body: { name: 'Bundled', scenario: scenario(text) } })
  ).json();
  const published = await (await t.api(`/bots/${created.id}/publish`, { method: 'POST' })).json();
  return { id: created.id as string, ...published } as { id: string; version: number; hash: string; bundleUrl: string };
}

async function republish(id: string, text: string) {
  await t.api(`/bots/${id}/scenario`, { method: 'PUT', body: scenario(text) });
  return (await t.api(`/bots/${id}/publish`, { method: 'POST' })).json();
}

describe('GET /bots/:id.js', () => {
  it('serves exactly the compiled bundle as a public script with a strong ETag', async () => {
    const bot = await publishedBot('served');
    const expected = await compile(scenario('served'), { botId: bot.id, publicUrl: t.publicUrl, minify: true });
    const res = await rawGet(`${t.url}/bots/${bot.id}.js`);
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toBe(expected.bundle);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.etag).toBe(`"${bot.hash}"`);
    expect(res.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(res.body.length));
    // The route answers ahead of the middleware chain, and still does what the chain does for every response.
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const echoed = await rawGet(`${t.url}/bots/${bot.id}.js`, { 'x-request-id': 'landing-42' });
    expect(echoed.headers['x-request-id']).toBe('landing-42');
  });

  it('answers If-None-Match with 304 and no body, and a new publish changes the ETag', async () => {
    const bot = await publishedBot('etag one');
    const first = await rawGet(`${t.url}/bots/${bot.id}.js`);
    const notModified = await rawGet(`${t.url}/bots/${bot.id}.js`, { 'if-none-match': first.headers.etag as string });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    const weak = await rawGet(`${t.url}/bots/${bot.id}.js`, { 'if-none-match': `"other", W/${first.headers.etag}` });
    expect(weak.status).toBe(304);

    const second = await republish(bot.id, 'etag two');
    const after = await rawGet(`${t.url}/bots/${bot.id}.js`, { 'if-none-match': first.headers.etag as string });
    expect(after.status).toBe(200);
    expect(after.headers.etag).toBe(`"${second.hash}"`);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it("keeps serving an old version's bytes at its hash URL, cached for a year", async () => {
    const bot = await publishedBot('old bytes');
    const oldBody = (await rawGet(`${t.url}/bots/${bot.id}.js`)).body;
    await republish(bot.id, 'new bytes');
    const old = await rawGet(`${t.url}/bots/${bot.id}/${bot.hash}.js`);
    expect(old.status).toBe(200);
    expect(old.body.equals(oldBody)).toBe(true);
    expect(old.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(old.headers.etag).toBe(`"${bot.hash}"`);
    expect((await rawGet(`${t.url}/bots/${bot.id}.js`)).body.equals(oldBody)).toBe(false);
  });

  it('sends brotli or gzip as the client accepts, each decompressing to the same bytes', async () => {
    const bot = await publishedBot('compressed');
    const plain = (await rawGet(`${t.url}/bots/${bot.id}.js`)).body;
    const br = await rawGet(`${t.url}/bots/${bot.id}.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    const gz = await rawGet(`${t.url}/bots/${bot.id}.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);
    const refused = await rawGet(`${t.url}/bots/${bot.id}.js`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const immutable = await rawGet(`${t.url}/bots/${bot.id}/${bot.hash}.js`, { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(immutable.body).equals(plain)).toBe(true);
  });

  it('offers the file as a download with ?download=1', async () => {
    const bot = await publishedBot('download');
    const res = await rawGet(`${t.url}/bots/${bot.id}.js?download=1`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="chatlet-${bot.id}.js"`);
    expect((await rawGet(`${t.url}/bots/${bot.id}.js`)).headers['content-disposition']).toBeUndefined();
  });

  it('answers an unknown or unpublished bot with a 404 script that warns once in the console', async () => {
    const draftOnly = await (
      await t.api('/bots', { method: 'POST', body: { name: 'Draft', scenario: scenario() } })
    ).json();
    for (const id of ['b_unknown12345', draftOnly.id]) {
      const res = await rawGet(`${t.url}/bots/${id}.js`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(runScript(res.body.toString())).toEqual([`Chatlet: bot ${id} is not published`]);
    }
    const hash = await rawGet(`${t.url}/bots/${draftOnly.id}/0123456789abcdef.js`);
    expect(hash.status).toBe(404);
    expect(runScript(hash.body.toString())).toHaveLength(1);
  });

  it('keeps a hostile id in the 404 script inert', async () => {
    const hostile = `"</script><script>alert(1)</script>\u2028'`;
    const res = await rawGet(`${t.url}/bots/${encodeURIComponent(hostile)}.js`);
    const body = res.body.toString();
    expect(res.status).toBe(404);
    expect(body).not.toMatch(/<\/?script/i);
    expect(runScript(body)).toEqual([`Chatlet: bot ${hostile} is not published`]);
  });

  it("does not serve one bot's hash under another bot's id", async () => {
    const a = await publishedBot('owner of the hash');
    const b = await publishedBot('someone else');
    expect((await rawGet(`${t.url}/bots/${b.id}/${a.hash}.js`)).status).toBe(404);
  });

  it('sees a publish at once and answers HEAD like GET without a body', async () => {
    const bot = await publishedBot('head');
    const head = await fetch(`${t.url}/bots/${bot.id}.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(`"${bot.hash}"`);
    expect(await head.text()).toBe('');
  });

  it('serves the first script request after a publish, and after a republish, without reading the store or compiling', async () => {
    const reads = async () => (await bundleStoreReads.get()).values.reduce((sum, v) => sum + v.value, 0);
    const compiled = async () => (await compiles.get()).values.reduce((sum, v) => sum + v.value, 0);
    const bot = await publishedBot('warm');
    const [readsBefore, compilesBefore] = [await reads(), await compiled()];
    const first = await fetch(`${t.url}/bots/${bot.id}.js`);
    expect(first.headers.get('etag')).toBe(`"${bot.hash}"`);
    await first.text();
    const again = await republish(bot.id, 'warmer');
    const compilesAfterPublish = await compiled();
    const second = await fetch(`${t.url}/bots/${bot.id}.js`);
    expect(second.headers.get('etag')).toBe(`"${again.hash}"`);
    await second.text();
    expect(await reads()).toBe(readsBefore);
    expect(await compiled()).toBe(compilesAfterPublish);
    expect(compilesAfterPublish).toBeGreaterThan(compilesBefore);
  });
});

/** Runs a script in a sandbox and returns what it passed to console.warn. */
function runScript(code: string): string[] {
  const warnings: string[] = [];
  runInNewContext(code, { console: { warn: (...args: unknown[]) => warnings.push(args.join(' ')) } });
  return warnings;
}
