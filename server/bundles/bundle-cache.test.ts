import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { Bundle, StoreDriver } from '../store/types.ts';
import { BundleCache, type BundleSource } from './bundle-cache.ts';

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
  } as BundleSource;
  return { store, state };
}

/** The notification channel of instances sharing one database, in-process as on PGlite. */
function channel(): Pick<StoreDriver, 'notify' | 'listen'> {
  const events = new EventEmitter();
  return {
    async notify(name, payload) {
      events.emit(name, payload);
    },
    async listen(name, onPayload) {
      events.on(name, onPayload);
      return async () => void events.off(name, onPayload);
    },
  };
}

describe('BundleCache', () => {
  it("reads the store once per bot, and sees another instance's publish after the TTL without blocking a request", async () => {
    const { store, state } = fakeStore();
    let now = 0;
    const cache = new BundleCache(store, channel(), pino({ level: 'silent' }), {
      ttlMs: 1000,
      maxEntries: 10,
      now: () => now,
    });

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
    const cache = new BundleCache(store, channel(), pino({ level: 'silent' }), {
      ttlMs: 1000,
      maxEntries: 10,
      now: () => now,
    });
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
    const cache = new BundleCache(store, channel(), pino({ level: 'silent' }), { ttlMs: 60_000, maxEntries: 10 });
    expect(await cache.latest('bot')).toBeNull();
    await cache.published('bot', bundle('bbbbbbbb'));
    expect((await cache.latest('bot'))!.etag).toBe('"bbbbbbbb"');
    expect((await cache.byBotAndHash('bot', 'bbbbbbbb'))!.identity.toString()).toBe('/* bbbbbbbb */');
  });

  it('shares one store read among concurrent requests for the same bot', async () => {
    const { store, state } = fakeStore();
    state.published = bundle('cccccccc');
    const cache = new BundleCache(store, channel(), pino({ level: 'silent' }), { ttlMs: 60_000, maxEntries: 10 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.latest('bot')));
    expect(answers.every((a) => a?.hash === 'cccccccc')).toBe(true);
    expect(state.reads).toBe(1);
  });

  it('forgets the oldest bots beyond its bound', async () => {
    const { store, state } = fakeStore();
    const cache = new BundleCache(store, channel(), pino({ level: 'silent' }), { ttlMs: 60_000, maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) await cache.latest(id);
    expect(state.reads).toBe(4);
    await cache.latest('d');
    expect(state.reads).toBe(4);
    await cache.latest('a');
    expect(state.reads).toBe(5);
  });

  it('answers the next script request after a publish here from memory, while other instances hear of it and refresh', async () => {
    const { store, state } = fakeStore();
    const shared = channel();
    const log = pino({ level: 'silent' });
    const here = new BundleCache(store, shared, log, { ttlMs: 60_000, maxEntries: 10 });
    const there = new BundleCache(store, shared, log, { ttlMs: 60_000, maxEntries: 10 });
    await here.follow();
    await there.follow();
    state.published = bundle('11111111');
    expect((await here.latest('bot'))!.hash).toBe('11111111');
    expect((await there.latest('bot'))!.hash).toBe('11111111');
    const readsBefore = state.reads;

    state.published = bundle('22222222');
    await here.published('bot', state.published);
    expect((await here.latest('bot'))!.hash).toBe('22222222');
    expect(state.reads).toBe(readsBefore);
    expect((await there.latest('bot'))!.hash).toBe('22222222');
    expect(state.reads).toBe(readsBefore + 1);
  });

  it('stops serving a bot withdrawn on any instance, on every instance', async () => {
    const { store, state } = fakeStore();
    const shared = channel();
    const log = pino({ level: 'silent' });
    const here = new BundleCache(store, shared, log, { ttlMs: 60_000, maxEntries: 10 });
    const there = new BundleCache(store, shared, log, { ttlMs: 60_000, maxEntries: 10 });
    await there.follow();
    state.published = bundle('33333333');
    expect(await there.latest('bot')).not.toBeNull();
    expect(await there.byBotAndHash('bot', '33333333')).not.toBeNull();
    state.published = null;
    await here.withdrawn('bot');
    expect(await there.latest('bot')).toBeNull();
    expect(await there.byBotAndHash('bot', '33333333')).toBeNull();
  });

  it('keeps the newer bundle when a store read that began before a publish here ends after it', async () => {
    const { store, state } = fakeStore();
    const cache = new BundleCache(store, channel(), pino({ level: 'silent' }), { ttlMs: 60_000, maxEntries: 10 });
    state.published = bundle('44444444');
    const slowRead = cache.latest('bot');
    await cache.published('bot', bundle('55555555'));
    expect((await slowRead)!.hash).toBe('44444444');
    expect((await cache.latest('bot'))!.hash).toBe('55555555');
  });
});
