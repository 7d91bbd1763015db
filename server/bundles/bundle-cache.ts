import type { Logger } from 'pino';
import { BUNDLES_CHANNEL, type Bundle, type BotsStore, type StoreDriver } from '../store/types.ts';
import { bundleStoreReads } from '../metrics/registry.ts';
import { toServed, type ServedBundle } from './served-bundle.ts';

interface LatestEntry {
  bundle: ServedBundle | null;
  loadedAt: number;
  refreshing?: Promise<ServedBundle | null>;
}

/**
 * What instances tell each other on `BUNDLES_CHANNEL` when a bot's served bundle changes: the bot, and the hash it
 * serves now (null after an unpublish or delete). A bare bot id, as older instances send, means "changed, unknown how".
 */
export function bundlesNotice(botId: string, hash: string | null): string {
  return JSON.stringify({ bot: botId, hash });
}

/** The store reads the cache needs: the published bundle, its hash, and a bot's bundle by hash. */
export type BundleSource = Pick<BotsStore, 'getPublishedBundle' | 'publishedBundleHash' | 'getBotBundle'>;

/**
 * Bundles in memory, so serving one never waits on the store.
 * Hash URLs never change, so they are kept until evicted or the bot is unpublished. The "latest" pointer of a bot
 * (and "not published") follows the notices every instance sends on the store's `chatlet_bundles` channel when it
 * publishes, unpublishes or deletes the bot: a notice naming the bundle the cache already serves changes nothing (so
 * the publishing instance, which warmed its cache with the new bundle, keeps it), any other drops the pointer. It is
 * otherwise trusted for `ttlMs`, then served stale while it is re-read: the fallback for a notification that was lost.
 */
export class BundleCache {
  private readonly latestByBot = new Map<string, LatestEntry>();
  private readonly byHash = new Map<string, ServedBundle>();
  private readonly loading = new Map<string, Promise<ServedBundle | null>>();
  /** Bumped by `invalidate`: a store read that started before it must not put its older answer back. */
  private generation = 0;

  constructor(
    private readonly store: BundleSource,
    /** Where the notices go and come from: the store's driver (LISTEN/NOTIFY on PostgreSQL). */
    private readonly channel: Pick<StoreDriver, 'notify' | 'listen'>,
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
      bundleStoreReads.inc({ kind: 'pinned' });
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

  /** Follows every instance's notices (this one's included) until the store closes; resolves once listening. */
  async follow(): Promise<void> {
    await this.channel.listen(BUNDLES_CHANNEL, (payload) => this.noticed(payload));
  }

  /**
   * After a publish on this instance: serves the new bundle from now on, without a store read, and tells every
   * instance which bundle the bot serves now. The notice comes back here too, and finds the cache already right.
   */
  async published(botId: string, bundle: Bundle): Promise<void> {
    // A store read that began before the publish must not put the old bundle back over the new one.
    this.generation++;
    const served = toServed(bundle);
    this.remember(this.byHash, `${botId}/${bundle.hash}`, served);
    this.remember(this.latestByBot, botId, { bundle: served, loadedAt: this.now() });
    await this.channel.notify(BUNDLES_CHANNEL, bundlesNotice(botId, bundle.hash));
  }

  /** After an unpublish or delete on this instance: forgets the bot here, and tells every instance to. */
  async withdrawn(botId: string): Promise<void> {
    this.invalidate(botId);
    await this.channel.notify(BUNDLES_CHANNEL, bundlesNotice(botId, null));
  }

  /** A notice from any instance: kept when it names the bundle already served here, else the bot is forgotten. */
  noticed(payload: string): void {
    let notice: { bot: string; hash: string | null } = { bot: payload, hash: null };
    if (payload.startsWith('{')) {
      try {
        notice = JSON.parse(payload);
      } catch {
        this.log.warn({ payload }, 'unreadable bundle notice; forgetting every bot');
        notice = { bot: '*', hash: null };
      }
    }
    if (notice.hash !== null && this.latestByBot.get(notice.bot)?.bundle?.hash === notice.hash) return;
    this.invalidate(notice.bot);
  }

  private loadLatest(botId: string): Promise<ServedBundle | null> {
    return this.once(`latest:${botId}`, async () => {
      const generation = this.generation;
      // A refresh usually finds the same bundle: ask for its hash first, and read the bytes only when it changed.
      const current = this.latestByBot.get(botId)?.bundle ?? null;
      if (current) bundleStoreReads.inc({ kind: 'hash' });
      const hash = current ? await this.store.publishedBundleHash(botId) : undefined;
      const served =
        current && hash === current.hash ? current : current && hash === null ? null : await this.readPublished(botId);
      if (generation !== this.generation) return served;
      this.remember(this.latestByBot, botId, { bundle: served, loadedAt: this.now() });
      // Unpublished elsewhere (and the notification lost): its hash URLs must stop too.
      if (served) this.remember(this.byHash, `${botId}/${served.hash}`, served);
      else this.forgetHashes(botId);
      return served;
    });
  }

  private async readPublished(botId: string): Promise<ServedBundle | null> {
    bundleStoreReads.inc({ kind: 'latest' });
    const stored = await this.store.getPublishedBundle(botId);
    return stored ? toServed(stored.bundle) : null;
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
