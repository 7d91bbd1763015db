/**
 * The bots facet of the store: bots and their drafts, settings, immutable versions, the bundles versions serve and
 * the compile cache. Every read or write with an `orgId` is scoped by it, so a route cannot leak another org's bot by
 * forgetting a check; the few public reads for serving and visitors say so.
 */
import type { Diagnostic } from '../../compiler/index.ts';

export interface Draft {
  scenario: unknown;
  diagnostics: Diagnostic[];
  updatedAt: Date;
  /** Goes up by one on every save; the API's draft ETag, for optimistic concurrency. */
  revision: number;
}

/** What the API shows of a bot's settings: the webhook secret only as "set or not". */
export interface BotSettings {
  /** Origins (`https://host[:port]`) whose pages may call the visitor endpoints, besides the scenario's own list. */
  allowedOrigins: string[];
  webhookUrl: string | null;
  webhookSecretSet: boolean;
  /** ISO 8601 duration; when set it overrides the scenario's `settings.longTimerThreshold`. */
  longTimerThreshold: string | null;
}

/** A change to a bot's settings: absent fields stay, `null` clears. */
export interface BotSettingsPatch {
  allowedOrigins?: string[];
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  longTimerThreshold?: string | null;
}

/** What the visitor endpoints need to know about a bot, whatever the organisation (see `botVisitorSettings`). */
export interface BotVisitorSettings {
  orgId: string;
  /** The bot's settings ∪ the latest published scenario's `settings.allowedOrigins`. */
  allowedOrigins: string[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** The bot setting, else the latest published scenario's; null when neither sets one. */
  longTimerThreshold: string | null;
  published: boolean;
}

export interface PublishedRef {
  version: number;
  hash: string;
  publishedAt: Date;
}

export interface Bot {
  id: string;
  orgId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  draft: Draft;
  /** The version `/bots/<id>.js` serves, or null when nothing is published. */
  published: PublishedRef | null;
  settings: BotSettings;
}

export type BotSummary = Omit<Bot, 'draft'> & { draftErrors: number; draftWarnings: number };

export interface VersionSummary {
  botId: string;
  version: number;
  hash: string;
  /** The compile cache key the bundle was built under: scenario, options and compiler fingerprint. */
  compileKey: string;
  createdAt: Date;
  createdBy: string | null;
}

export interface Version extends VersionSummary {
  scenario: unknown;
}

/** A compiled bundle, stored with its precompressed forms so no request ever compresses. */
export interface Bundle {
  hash: string;
  body: string;
  gzip: Uint8Array;
  brotli: Uint8Array;
}

export interface CompileCacheEntry {
  key: string;
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Present when `ok`: the bundle is stored under this hash. */
  bundleHash: string | null;
}

export interface NewBot {
  id: string;
  orgId: string;
  name: string;
  scenario: unknown;
  diagnostics: Diagnostic[];
  /** Settings to start with (an import); defaults otherwise. */
  settings?: BotSettingsPatch;
}

export interface NewVersion {
  orgId: string;
  botId: string;
  scenario: unknown;
  /** Must already be stored, through `putCompileResult`. */
  bundleHash: string;
  compileKey: string;
  createdBy: string | null;
  /**
   * When the published version already serves this very bundle, add nothing and return that version with
   * `unchanged: true`. Decided under the bot's row lock, so concurrent publishes of one draft make one version.
   */
  unlessUnchanged?: boolean;
}

/** What `publishVersion` did: the new version, or with `unchanged` the published one that already serves the bundle. */
export interface PublishedVersion extends Version {
  unchanged: boolean;
}

/** What bots exist, what they publish and what compiling them made: the bot half of the store. */
export interface BotsStore {
  createBot(bot: NewBot): Promise<Bot>;
  /** Creates the bot unless one with that id exists; returns the stored bot, or null if the id belongs to another org. */
  ensureBot(bot: NewBot): Promise<Bot | null>;
  getBot(orgId: string, botId: string): Promise<Bot | null>;
  listBots(orgId: string): Promise<BotSummary[]>;
  renameBot(orgId: string, botId: string, name: string): Promise<Bot | null>;
  /**
   * Saves the draft and bumps its revision. With `ifRevision`, saves only if the stored revision is that one,
   * answering `'conflict'` otherwise (someone else saved since). Null if the bot is not in the org.
   */
  saveDraft(
    orgId: string,
    botId: string,
    draft: { scenario: unknown; diagnostics: Diagnostic[] },
    options?: { ifRevision?: number },
  ): Promise<Bot | null | 'conflict'>;
  updateBotSettings(orgId: string, botId: string, patch: BotSettingsPatch): Promise<Bot | null>;
  /** Deletes the bot with its versions; bundles stay (content-addressed, possibly shared). */
  deleteBot(orgId: string, botId: string): Promise<boolean>;
  /** Stops serving the bot: its script URLs answer "not published" again. Versions are kept. */
  unpublishBot(orgId: string, botId: string): Promise<Bot | null>;
  /** Public read for the visitor endpoints: origins, webhook and whether the bot is published. Null for an unknown bot. */
  botVisitorSettings(botId: string): Promise<BotVisitorSettings | null>;

  /** Appends an immutable version numbered one past the bot's last, and makes it the published one. Null if the bot is not in the org. */
  publishVersion(version: NewVersion): Promise<PublishedVersion | null>;
  listVersions(orgId: string, botId: string): Promise<VersionSummary[]>;
  /** Every version with its scenario, newest first (export). */
  listVersionsWithScenarios(orgId: string, botId: string): Promise<Version[]>;
  getVersion(orgId: string, botId: string, version: number): Promise<Version | null>;

  /** Public read for serving: the published version's bundle, whatever the org. */
  getPublishedBundle(botId: string): Promise<{ version: number; bundle: Bundle } | null>;
  /** Public read for serving: just the hash of the published bundle (a cheap freshness check), or null. */
  publishedBundleHash(botId: string): Promise<string | null>;
  /** Public read for serving: a bundle this bot has published under `hash`, at any version, while the bot is published. */
  getBotBundle(botId: string, hash: string): Promise<Bundle | null>;

  getCompileResult(key: string): Promise<CompileCacheEntry | null>;
  /** Stores a compile outcome and, when it succeeded, its bundle. Idempotent. */
  putCompileResult(entry: CompileCacheEntry, bundle: Bundle | null): Promise<void>;
  getBundle(hash: string): Promise<Bundle | null>;
  /** Where the bot's visitors may call from, per its published scenario; null when the bot has nothing published. */
  publishedBot(botId: string): Promise<{ orgId: string; allowedOrigins: string[] } | null>;
}
