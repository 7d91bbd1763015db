import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { freePort, startChildServer, type ChildServer } from './child-server.ts';
import { makeDataDir } from './temp-data-dir.ts';
import { scenario } from './test-server.ts';

const TOKEN = 'durability-test-token';
const LANES = 3;
const PUBLISHES_PER_LANE = 7;
const KILL_AFTER_ACKS = 9;

interface Acked {
  botId: string;
  version: number;
  hash: string;
  text: string;
}

/** POSTs `body` in two parts on its own connection, running `between` after the first part has reached the server. */
function slowPost(url: string, body: string, between: () => Promise<void>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'content-length': String(body.length),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 1));
    setTimeout(() => between().then(() => req.end(body.slice(1)), reject), 500);
  });
}

function api(server: ChildServer, path: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${server.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

describe('durability of the npm start server', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let port: number;
  let running: ChildServer | undefined;

  beforeAll(async () => {
    data = await makeDataDir();
    port = await freePort();
  });

  afterAll(async () => {
    if (running && running.process.exitCode === null && running.process.signalCode === null) running.kill9();
    await running?.exited;
    await data?.remove();
  });

  it('keeps every acknowledged publish across a kill -9 in the middle of a burst', { timeout: 180_000 }, async () => {
    running = await startChildServer({ port, dataDir: data.dir, token: TOKEN });
    const server = running;
    const bots: string[] = [];
    for (let lane = 0; lane < LANES; lane++) {
      const res = await api(server, '/bots', {
        method: 'POST',
        body: { name: `Lane ${lane}`, scenario: scenario(`lane ${lane} start`) },
      });
      bots.push((await res.json()).id);
    }

    const acked: Acked[] = [];
    let killed = false;
    const lanes = bots.map(async (botId, lane) => {
      for (let i = 0; i < PUBLISHES_PER_LANE && !killed; i++) {
        const text = `lane ${lane} publish ${i}`;
        try {
          const saved = await api(server, `/bots/${botId}/scenario`, { method: 'PUT', body: scenario(text) });
          if (saved.status !== 200) return;
          const res = await api(server, `/bots/${botId}/publish`, { method: 'POST' });
          if (res.status !== 201) return;
          const body = await res.json();
          acked.push({ botId, version: body.version, hash: body.hash, text });
        } catch {
          return; // The connection died with the server: this publish was never acknowledged.
        }
        if (acked.length >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          server.kill9();
        }
      }
    });
    await Promise.all(lanes);
    expect(killed, `the burst ended before the kill; output:\n${server.output()}`).toBe(true);
    expect(await server.exited).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    running = await startChildServer({ port, dataDir: data.dir, token: TOKEN });
    const restarted = running;
    for (const botId of bots) {
      const mine = acked.filter((a) => a.botId === botId);
      const { versions } = await (await api(restarted, `/bots/${botId}/versions`)).json();
      const listed = new Map<number, string>(
        versions.map((v: { version: number; hash: string }) => [v.version, v.hash]),
      );
      // Numbers stay contiguous: nothing half-written survived.
      expect([...listed.keys()].sort((a, b) => a - b)).toEqual(
        listed.size ? Array.from({ length: listed.size }, (_, i) => i + 1) : [],
      );
      for (const a of mine) expect(listed.get(a.version), `${botId} v${a.version}`).toBe(a.hash);
      const latest = await fetch(`${restarted.url}/bots/${botId}.js`);
      if (mine.length) expect(latest.status).toBe(200);
    }
    for (const a of acked) {
      const res = await fetch(`${restarted.url}/bots/${a.botId}/${a.hash}.js`);
      expect(res.status, `${a.botId}/${a.hash}.js`).toBe(200);
      const expected = await compile(scenario(a.text), { botId: a.botId, publicUrl: restarted.url, minify: true });
      expect(await res.text()).toBe(expected.bundle);
    }
  });

  it(
    'lets a publish in flight finish on SIGTERM, then exits 0 and releases DATA_DIR',
    { timeout: 120_000 },
    async () => {
      if (!running || running.process.exitCode !== null)
        running = await startChildServer({ port, dataDir: data.dir, token: TOKEN });
      const server = running;
      const created = await (
        await api(server, '/bots', { method: 'POST', body: { name: 'Drain', scenario: scenario('drained publish') } })
      ).json();

      // The publish is in flight for sure: its headers are in, its body is not, when SIGTERM arrives.
      const publishing = slowPost(`${server.url}/api/v1/bots/${created.id}/publish`, '{}', async () => {
        server.terminate();
        await new Promise((r) => setTimeout(r, 300));
      });
      const { status, body } = await publishing;
      expect(status, server.output()).toBe(201);
      const { version } = JSON.parse(body);
      expect(await server.exited).toBe(0);

      running = await startChildServer({ port, dataDir: data.dir, token: TOKEN });
      const { versions } = await (await api(running, `/bots/${created.id}/versions`)).json();
      expect(versions.map((v: { version: number }) => v.version)).toContain(version);
      running.terminate();
      expect(await running.exited).toBe(0);
    },
  );
});
