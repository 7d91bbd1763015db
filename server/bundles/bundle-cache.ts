import type { Logger } from 'pino';
import type { Bundle, Store } from '../store/types.ts';
import { toServed, type ServedBundle } from './served-bundle.ts';

interface LatestEntry {
  bundle: ServedBundle | null;
  loadedAt: number;
  refreshing?: Promise<ServedBundle | null>;
}

/**
 * Bundles in memory, so serving one never waits on the store.
 * Hash URLs never change, so they are kept until evicted or the bot is unpublished. The "latest" pointer of a bot
 * (and "not published") is dropped when any instance publishes, unpublishes or deletes the bot (`invalidate`, fed by
 * the store's `chatlet_bundles` notifications), and is otherwise trusted for `ttlMs`, then served stale while it is
 * re-read: the fallback for a notification that was lost.
 */
export class BundleCache {
  private readonly latestByBot = new Map<string, LatestEntry>();
  private readonly byHash = new Map<string, ServedBundle>();
  private readonly loading = new Map<string, Promise<ServedBundle | null>>();
  /** Bumped by `invalidate`: a store read that started before it must not put its older answer back. */
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number },
  ) {}

  /** The bundle `/bots/<id>.js` serves, or null if the bot is unknown or unpublished. */
  async latest(botId: string): Promise<ServedBundle | null> {
    const entry = this.latestByBot.get(botId);
    if (!entry) return this.loadLatest(botId);
    if (this.now() - entry.loadedAt > this.options.ttlMs && !entry.refreshing) {
      entry.refreshing = this.loadLatest(botId).catch((err) => {
        this.log.warn({ err, botId }, 'bundle refresh failed; serving the cached one');
        return entry.bundle;
      });
    }
    return entry.bundle;
  }

  /** A bundle the bot published under `hash`, at any version; null if it never did. */
  async byBotAndHash(botId: string, hash: string): Promise<ServedBundle | null> {
    const key = `${botId}/${hash}`;
    const hit = this.byHash.get(key);
    if (hit) return hit;
    return this.once(`hash:${key}`, async () => {
      const generation = this.generation;
      const stored = await this.store.getBotBundle(botId, hash);
      if (!stored) return null;
      const served = toServed(stored);
      if (generation === this.generation) this.remember(this.byHash, key, served);
      return served;
    });
  }

  /** Forgets everything cached for the bot (its latest bundle and its hash URLs); `'*'` forgets every bot. */
  invalidate(botId: string): void {
    this.generation++;
    if (botId === '*') {
      this.latestByBot.clear();
      this.byHash.clear();
      return;
    }
    this.latestByBot.delete(botId);
    this.forgetHashes(botId);
  }

  /** Called after a publish on this instance, so the new version is served at once. */
  published(botId: string, bundle: Bundle): void {
    const served = toServed(bundle);
    this.remember(this.byHash, `${botId}/${bundle.hash}`, served);
    this.remember(this.latestByBot, botId, { bundle: served, loadedAt: this.now() });
  }

  private loadLatest(botId: string): Promise<ServedBundle | null> {
    return this.once(`latest:${botId}`, async () => {
      const generation = this.generation;
      // A refresh usually finds the same bundle: ask for its hash first, and read the bytes only when it changed.
      const current = this.latestByBot.get(botId)?.bundle ?? null;
      const hash = current ? await this.store.publishedBundleHash(botId) : undefined;
      const served =
        current && hash === current.hash
          ? current
          : current && hash === null
            ? null
            : await this.store.getPublishedBundle(botId).then((stored) => (stored ? toServed(stored.bundle) : null));
      if (generation !== this.generation) return served;
      this.remember(this.latestByBot, botId, { bundle: served, loadedAt: this.now() });
      // Unpublished elsewhere (and the notification lost): its hash URLs must stop too.
      if (served) this.remember(this.byHash, `${botId}/${served.hash}`, served);
      else this.forgetHashes(botId);
      return served;
    });
  }

  private forgetHashes(botId: string): void {
    const prefix = `${botId}/`;
    for (const key of this.byHash.keys()) if (key.startsWith(prefix)) this.byHash.delete(key);
  }

  /** One store read per key at a time, however many requests wait for it. */
  private once(key: string, load: () => Promise<ServedBundle | null>): Promise<ServedBundle | null> {
    const running = this.loading.get(key);
    if (running) return running;
    const work = load().finally(() => this.loading.delete(key));
    this.loading.set(key, work);
    return work;
  }

  /** Insertion-ordered maps make a cheap LRU-ish bound: re-inserting moves a key to the end, the oldest go first. */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.options.maxEntries) map.delete(map.keys().next().value as string);
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}
