import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthService } from '../accounts/auth-service.ts';
import type { SessionService } from '../accounts/session-service.ts';
import { pagesRouter } from '../pages/pages-router.ts';
import { CHUNK_CACHE_CONTROL } from './asset-cache.ts';

describe('/assets/ serving a build with a chunk', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatlet-asset-cache-'));
    await writeFile(join(dir, 'builder.js'), 'import("./acorn-syntax-D0BHm_Q-.js")');
    await writeFile(join(dir, 'acorn-syntax-D0BHm_Q-.js'), 'export const acornSyntax = () => undefined;');
    const app = express().use(pagesRouter({ auth: {} as AuthService, sessions: {} as SessionService, assetsDir: dir }));
    server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the chunk as JavaScript, for browsers to keep for good, and the builder for five minutes', async () => {
    const chunk = await fetch(`${url}/assets/acorn-syntax-D0BHm_Q-.js`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(chunk.headers.get('cache-control')).toBe(CHUNK_CACHE_CONTROL);
    const builder = await fetch(`${url}/assets/builder.js`);
    expect(builder.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('answers a chunk an older build named, and this one has not, with a 404 nobody caches', async () => {
    const gone = await fetch(`${url}/assets/acorn-syntax-OLDhash1.js`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control')).toBe('no-store');
  });
});
