/**
 * The store: everything the server keeps, behind one interface.
 * Two implementations share one SQL schema (`migrations/`) and one contract suite (`store.contract.ts`):
 * PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 * Every bot read or write is scoped by organisation, so a route cannot leak another org's data by forgetting a check.
 */
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
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
}

export interface NewVersion {
  orgId: string;
  botId: string;
  scenario: unknown;
  /** Must already be stored, through `putCompileResult`. */
  bundleHash: string;
  compileKey: string;
  createdBy: string | null;
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
export interface Store {
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

  createUser(user: Omit<User, 'createdAt'>): Promise<User>;
  getUserByEmail(email: string): Promise<User | null>;
  /** Adds the user to the org, or changes their role there. */
  setMembership(membership: Membership): Promise<void>;
  getMembership(orgId: string, userId: string): Promise<Membership | null>;

  createToken(token: NewToken): Promise<ApiToken>;
  /** The live token with this hash: not revoked, not expired. */
  findTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  revokeToken(orgId: string, id: string): Promise<boolean>;

  createBot(bot: NewBot): Promise<Bot>;
  /** Creates the bot unless one with that id exists; returns the stored bot, or null if the id belongs to another org. */
  ensureBot(bot: NewBot): Promise<Bot | null>;
  getBot(orgId: string, botId: string): Promise<Bot | null>;
  listBots(orgId: string): Promise<BotSummary[]>;
  renameBot(orgId: string, botId: string, name: string): Promise<Bot | null>;
  saveDraft(orgId: string, botId: string, draft: { scenario: unknown; diagnostics: Diagnostic[] }): Promise<Bot | null>;

  /** Appends an immutable version numbered one past the bot's last, and makes it the published one. Null if the bot is not in the org. */
  publishVersion(version: NewVersion): Promise<Version | null>;
  listVersions(orgId: string, botId: string): Promise<VersionSummary[]>;
  getVersion(orgId: string, botId: string, version: number): Promise<Version | null>;

  /** Public read for serving: the published version's bundle, whatever the org. */
  getPublishedBundle(botId: string): Promise<{ version: number; bundle: Bundle } | null>;
  /** Public read for serving: a bundle this bot has published under `hash`, at any version. */
  getBotBundle(botId: string, hash: string): Promise<Bundle | null>;

  getCompileResult(key: string): Promise<CompileCacheEntry | null>;
  /** Stores a compile outcome and, when it succeeded, its bundle. Idempotent. */
  putCompileResult(entry: CompileCacheEntry, bundle: Bundle | null): Promise<void>;
  getBundle(hash: string): Promise<Bundle | null>;
}
