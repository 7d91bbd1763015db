/**
 * The store: everything the server keeps, behind one interface.
 * Two implementations share one SQL schema (`migrations/`) and one contract suite (`store.contract.ts`):
 * PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 * Every bot read or write is scoped by organisation, so a route cannot leak another org's data by forgetting a check.
 */
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
import type { InviteStore } from './invite-types.ts';
import type { VisitorStore } from './visitor-types.ts';

export type Role = 'owner' | 'editor' | 'manager';
export const ROLES: readonly Role[] = ['owner', 'editor', 'manager'];

export interface Org {
  id: string;
  name: string;
  createdAt: Date;
}

export interface User {
  id: string;
  email: string;
  name: string;
  /** scrypt/argon2 hash; null for users who only ever sign in with a token. */
  passwordHash: string | null;
  createdAt: Date;
}

export interface Membership {
  orgId: string;
  userId: string;
  role: Role;
}

/** A bearer token for automation. Only the SHA-256 of the secret is stored. */
export interface ApiToken {
  id: string;
  orgId: string;
  userId: string | null;
  role: Role;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

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

/** A user as a member of one organisation. */
export interface OrgMember {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}

/** A stored login session, read with the user's current role in the session's organisation. */
export interface Session {
  userId: string;
  orgId: string;
  /** Null when the user is no longer a member of `orgId`. */
  role: Role | null;
  email: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface NewToken {
  id: string;
  orgId: string;
  userId: string | null;
  role: Role;
  name: string;
  tokenHash: string;
  expiresAt: Date | null;
}

/**
 * The database under the store, for what cannot be a store method: pg-boss runs its own SQL through
 * `executeSql`, and instances fan events out to each other through `notify`/`listen`
 * (PostgreSQL LISTEN/NOTIFY; on PGlite, which has one process, an in-process emitter).
 */
export interface StoreDriver {
  kind: 'pglite' | 'postgres';
  /** pg-boss's `db` adapter: one statement with parameters, or several without. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount?: number | null }>;
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `onPayload` for every notification on `channel`, from any instance; resolves to the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

/** The server's persistence. Methods resolve once the change is durable. */
export interface Store extends InviteStore {
  /** Visitor inboxes, handoffs and KPIs (issue 5). */
  readonly visitor: VisitorStore;
  readonly driver: StoreDriver;
  /** Number of the newest migration applied. */
  schemaVersion(): Promise<number>;
  /** Cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Creates the organisation if it does not exist; returns it either way. */
  ensureOrg(org: { id: string; name: string }): Promise<Org>;
  getOrg(id: string): Promise<Org | null>;

  /** Creates an organisation and makes `ownerId` (when given) its owner, in one transaction. */
  createOrg(org: { id: string; name: string }, ownerId?: string): Promise<Org>;
  renameOrg(id: string, name: string): Promise<Org | null>;
  /** The organisations a user belongs to, oldest membership first, with their role in each. */
  listUserOrgs(userId: string): Promise<{ org: Org; role: Role }[]>;

  /** True once any user exists: the install has been set up. */
  hasUsers(): Promise<boolean>;
  /**
   * The first owner of an empty install: creates the user, renames `orgId` and makes them its owner, atomically.
   * Null (and nothing changes) when a user already exists, however many installs race.
   */
  createFirstOwner(input: { user: Omit<User, 'createdAt'>; orgId: string; orgName: string }): Promise<User | null>;
  createUser(user: Omit<User, 'createdAt'>): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  /** Adds the user to the org, or changes their role there. */
  setMembership(membership: Membership): Promise<void>;
  getMembership(orgId: string, userId: string): Promise<Membership | null>;
  listMembers(orgId: string): Promise<OrgMember[]>;
  /**
   * Changes a member's role, or removes them with `null`. Refuses (`'last_owner'`) to leave an organisation
   * without an owner; `'not_found'` when the user is not a member.
   */
  updateMembership(orgId: string, userId: string, role: Role | null): Promise<'ok' | 'not_found' | 'last_owner'>;

  createToken(token: NewToken): Promise<ApiToken>;
  /** The live token with this hash: not revoked, not expired, and its user (if any) still a member of its org. */
  findTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  /** The organisation's tokens that are not revoked, expired ones included, newest first. */
  listTokens(orgId: string): Promise<ApiToken[]>;
  revokeToken(orgId: string, id: string): Promise<boolean>;

  createSession(session: { idHash: string; userId: string; orgId: string; expiresAt: Date }): Promise<void>;
  /** The session with this hash if it has not expired, with the user's role in its org. */
  getSession(idHash: string): Promise<Session | null>;
  /** Moves the expiry (sliding sessions) and/or the current organisation. */
  updateSession(idHash: string, change: { expiresAt?: Date; orgId?: string }): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes sessions that have expired; returns how many. */
  deleteExpiredSessions(): Promise<number>;

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
}

/**
 * Notified (through `store.driver`) with a bot id when the bundle a bot serves changes: publish, unpublish, delete.
 * Every instance drops its cached bundle for that bot at once instead of waiting for the cache TTL.
 */
export const BUNDLES_CHANNEL = 'chatlet_bundles';
