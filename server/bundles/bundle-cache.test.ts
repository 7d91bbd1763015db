import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Bundle, Store } from '../store/types.ts';
import { BundleCache } from './bundle-cache.ts';

const bundle = (hash: string): Bundle => ({
  hash,
  body: `/* ${hash} */`,
  gzip: new Uint8Array(),
  brotli: new Uint8Array(),
});

/** A store with one bot whose published bundle a test can change, as another instance's publish would. */
function fakeStore() {
  const state = { published: null as Bundle | null, reads: 0, bundleReads: 0 };
  const store = {
    async getPublishedBundle() {
      state.reads++;
      state.bundleReads++;
      return state.published ? { version: 1, bundle: state.published } : null;
    },
    async publishedBundleHash() {
      state.reads++;
      return state.published?.hash ?? null;
    },
    async getBotBundle(_botId: string, hash: string) {
      state.reads++;
      return state.published?.hash === hash ? state.published : null;
    },
  } as unknown as Store;
  return { store, state };
}

describe('BundleCache', () => {
  it("reads the store once per bot, and sees another instance's publish after the TTL without blocking a request", async () => {
    const { store, state } = fakeStore();
    let now = 0;
    const cache = new BundleCache(store, pino({ level: 'silent' }), { ttlMs: 1000, maxEntries: 10, now: () => now });

    expect(await cache.latest('bot')).toBeNull();
    state.published = bundle('aaaaaaaa');
    expect(await cache.latest('bot')).toBeNull();
    expect(state.reads).toBe(1);

    now = 1500;
    expect(await cache.latest('bot')).toBeNull(); // stale answer now, refresh behind it
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.latest('bot'))!.hash).toBe('aaaaaaaa');
    expect(state.reads).toBe(2);
  });

  it('re-reads only the hash when refreshing a bundle that did not change, and the bytes when it did', async () => {
    const { store, state } = fakeStore();
    let now = 0;
    const cache = new BundleCache(store, pino({ level: 'silent' }), { ttlMs: 1000, maxEntries: 10, now: () => now });
    state.published = bundle('dddddddd');
    await cache.latest('bot');
    expect(state.bundleReads).toBe(1);
    for (const at of [1500, 3000, 4500]) {
      now = at;
      await cache.latest('bot');
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(state.bundleReads).toBe(1);
    state.published = bundle('eeeeeeee');
    now = 6000;
    await cache.latest('bot');
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.latest('bot'))!.hash).toBe('eeeeeeee');
    expect(state.bundleReads).toBe(2);
  });

  it('serves a publish on this instance at once', async () => {
    const { store } = fakeStore();
    const cache = new BundleCache(store, pino({ level: 'silent' }), { ttlMs: 60_000, maxEntries: 10 });
    expect(await cache.latest('bot')).toBeNull();
    cache.published('bot', bundle('bbbbbbbb'));
    expect((await cache.latest('bot'))!.etag).toBe('"bbbbbbbb"');
    expect((await cache.byBotAndHash('bot', 'bbbbbbbb'))!.identity.toString()).toBe('/* bbbbbbbb */');
  });

  it('shares one store read among concurrent requests for the same bot', async () => {
    const { store, state } = fakeStore();
    state.published = bundle('cccccccc');
    const cache = new BundleCache(store, pino({ level: 'silent' }), { ttlMs: 60_000, maxEntries: 10 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.latest('bot')));
    expect(answers.every((a) => a?.hash === 'cccccccc')).toBe(true);
    expect(state.reads).toBe(1);
  });

  it('forgets the oldest bots beyond its bound', async () => {
    const { store, state } = fakeStore();
    const cache = new BundleCache(store, pino({ level: 'silent' }), { ttlMs: 60_000, maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) await cache.latest(id);
    expect(state.reads).toBe(4);
    await cache.latest('d');
    expect(state.reads).toBe(4);
    await cache.latest('a');
    expect(state.reads).toBe(5);
  });
});
