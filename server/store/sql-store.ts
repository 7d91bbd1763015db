import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
import type { SqlClient, SqlDatabase } from './sql.ts';
import { SqlVisitorStore } from './sql-visitor-store.ts';
import type {
  ApiToken, Bot, BotSummary, Bundle, CompileCacheEntry, Membership, NewBot, NewToken, NewVersion, Org,
  PublishedRef, Role, Store, StoreDriver, User, Version, VersionSummary,
} from './types.ts';
import type { VisitorStore } from './visitor-types.ts';

type Row = Record<string, any>;

const BOT_COLUMNS = `b.id, b.org_id, b.name, b.created_at, b.updated_at,
  v.version AS pub_version, v.bundle_hash AS pub_hash, v.created_at AS pub_at`;
const BOT_FROM = `bots b LEFT JOIN versions v ON v.bot_id = b.id AND v.version = b.published_version`;
const COUNT_DIAGNOSTICS = (severity: string) =>
  `(SELECT count(*)::int FROM jsonb_array_elements(b.draft_diagnostics) d WHERE d->>'severity' = '${severity}')`;

/**
 * The one Store implementation over SQL. Drivers differ only in how they are opened (`pglite-store.ts`, later `pg-store.ts`),
 * so both run exactly these statements.
 */
export class SqlStore implements Store {
  readonly visitor: VisitorStore;

  constructor(
    private readonly db: SqlDatabase,
    private readonly onClose: () => Promise<void> = async () => {},
    readonly driver: StoreDriver = noDriver,
  ) {
    this.visitor = new SqlVisitorStore(db);
  }

  async schemaVersion(): Promise<number> {
    const { rows } = await this.db.query<Row>('SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations');
    return rows[0].v;
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.onClose();
  }

  async ensureOrg(org: { id: string; name: string }): Promise<Org> {
    await this.db.query('INSERT INTO orgs (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [org.id, org.name]);
    return (await this.getOrg(org.id))!;
  }

  async getOrg(id: string): Promise<Org | null> {
    const { rows } = await this.db.query<Row>('SELECT id, name, created_at FROM orgs WHERE id = $1', [id]);
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at } : null;
  }

  async createUser(user: Omit<User, 'createdAt'>): Promise<User> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING *`,
      [user.id, user.email, user.name, user.passwordHash],
    );
    return toUser(rows[0]);
  }

  async getUserByEmail(email: string): Promise<User | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM users WHERE email = $1', [email]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async setMembership(m: Membership): Promise<void> {
    await this.db.query(
      `INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [m.orgId, m.userId, m.role],
    );
  }

  async getMembership(orgId: string, userId: string): Promise<Membership | null> {
    const { rows } = await this.db.query<Row>(
      'SELECT org_id, user_id, role FROM memberships WHERE org_id = $1 AND user_id = $2',
      [orgId, userId],
    );
    return rows[0] ? { orgId: rows[0].org_id, userId: rows[0].user_id, role: rows[0].role } : null;
  }

  async createToken(t: NewToken): Promise<ApiToken> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO api_tokens (id, org_id, user_id, role, name, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [t.id, t.orgId, t.userId, t.role, t.name, t.tokenHash, t.expiresAt],
    );
    return toToken(rows[0]);
  }

  async findTokenByHash(tokenHash: string): Promise<ApiToken | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM api_tokens
       WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [tokenHash],
    );
    return rows[0] ? toToken(rows[0]) : null;
  }

  async revokeToken(orgId: string, id: string): Promise<boolean> {
    const { affected } = await this.db.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL',
      [orgId, id],
    );
    return affected > 0;
  }

  async createBot(bot: NewBot): Promise<Bot> {
    await this.insertBot(this.db, bot, false);
    return (await this.getBot(bot.orgId, bot.id))!;
  }

  async ensureBot(bot: NewBot): Promise<Bot | null> {
    await this.insertBot(this.db, bot, true);
    return this.getBot(bot.orgId, bot.id);
  }

  private async insertBot(db: SqlClient, bot: NewBot, ifAbsent: boolean): Promise<void> {
    await db.query(
      `INSERT INTO bots (id, org_id, name, draft_scenario, draft_diagnostics) VALUES ($1, $2, $3, $4, $5)
       ${ifAbsent ? 'ON CONFLICT (id) DO NOTHING' : ''}`,
      [bot.id, bot.orgId, bot.name, json(bot.scenario), diagnosticsJson(bot.diagnostics)],
    );
  }

  async getBot(orgId: string, botId: string): Promise<Bot | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${BOT_COLUMNS}, b.draft_scenario, b.draft_diagnostics, b.draft_updated_at
       FROM ${BOT_FROM} WHERE b.org_id = $1 AND b.id = $2`,
      [orgId, botId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      ...toBotBase(row),
      draft: { scenario: row.draft_scenario, diagnostics: row.draft_diagnostics, updatedAt: row.draft_updated_at },
    };
  }

  async listBots(orgId: string): Promise<BotSummary[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${BOT_COLUMNS}, ${COUNT_DIAGNOSTICS('error')} AS errors, ${COUNT_DIAGNOSTICS('warning')} AS warnings
       FROM ${BOT_FROM} WHERE b.org_id = $1 ORDER BY b.created_at, b.id`,
      [orgId],
    );
    return rows.map((row) => ({ ...toBotBase(row), draftErrors: row.errors, draftWarnings: row.warnings }));
  }

  async renameBot(orgId: string, botId: string, name: string): Promise<Bot | null> {
    const { affected } = await this.db.query(
      'UPDATE bots SET name = $3, updated_at = now() WHERE org_id = $1 AND id = $2',
      [orgId, botId, name],
    );
    return affected > 0 ? this.getBot(orgId, botId) : null;
  }

  async saveDraft(orgId: string, botId: string, draft: { scenario: unknown; diagnostics: Diagnostic[] }): Promise<Bot | null> {
    const { affected } = await this.db.query(
      `UPDATE bots SET draft_scenario = $3, draft_diagnostics = $4, draft_updated_at = now(), updated_at = now()
       WHERE org_id = $1 AND id = $2`,
      [orgId, botId, json(draft.scenario), diagnosticsJson(draft.diagnostics)],
    );
    return affected > 0 ? this.getBot(orgId, botId) : null;
  }

  async publishVersion(v: NewVersion): Promise<Version | null> {
    return this.db.transaction(async (tx) => {
      // The row lock taken by this UPDATE serialises concurrent publishes of one bot, so numbers never collide.
      const bumped = await tx.query<Row>(
        `UPDATE bots SET last_version = last_version + 1, published_version = last_version + 1, updated_at = now()
         WHERE org_id = $1 AND id = $2 RETURNING last_version`,
        [v.orgId, v.botId],
      );
      if (bumped.rows.length === 0) return null;
      const { rows } = await tx.query<Row>(
        `INSERT INTO versions (bot_id, version, scenario, bundle_hash, compile_key, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [v.botId, bumped.rows[0].last_version, json(v.scenario), v.bundleHash, v.compileKey, v.createdBy],
      );
      return { ...toVersionSummary(rows[0]), scenario: rows[0].scenario };
    });
  }

  async listVersions(orgId: string, botId: string): Promise<VersionSummary[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT v.bot_id, v.version, v.bundle_hash, v.compile_key, v.created_by, v.created_at
       FROM versions v JOIN bots b ON b.id = v.bot_id
       WHERE b.org_id = $1 AND v.bot_id = $2 ORDER BY v.version DESC`,
      [orgId, botId],
    );
    return rows.map(toVersionSummary);
  }

  async getVersion(orgId: string, botId: string, version: number): Promise<Version | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT v.* FROM versions v JOIN bots b ON b.id = v.bot_id
       WHERE b.org_id = $1 AND v.bot_id = $2 AND v.version = $3`,
      [orgId, botId, version],
    );
    return rows[0] ? { ...toVersionSummary(rows[0]), scenario: rows[0].scenario } : null;
  }

  async getPublishedBundle(botId: string): Promise<{ version: number; bundle: Bundle } | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT v.version, bu.hash, bu.body, bu.gzip, bu.brotli
       FROM bots b JOIN versions v ON v.bot_id = b.id AND v.version = b.published_version
       JOIN bundles bu ON bu.hash = v.bundle_hash WHERE b.id = $1`,
      [botId],
    );
    return rows[0] ? { version: rows[0].version, bundle: toBundle(rows[0]) } : null;
  }

  async getBotBundle(botId: string, hash: string): Promise<Bundle | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT bu.hash, bu.body, bu.gzip, bu.brotli FROM bundles bu
       WHERE bu.hash = $2 AND EXISTS (SELECT 1 FROM versions v WHERE v.bot_id = $1 AND v.bundle_hash = $2)`,
      [botId, hash],
    );
    return rows[0] ? toBundle(rows[0]) : null;
  }

  async getCompileResult(key: string): Promise<CompileCacheEntry | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM compile_cache WHERE key = $1', [key]);
    const row = rows[0];
    return row ? { key: row.key, ok: row.ok, diagnostics: row.diagnostics, bundleHash: row.bundle_hash } : null;
  }

  async putCompileResult(entry: CompileCacheEntry, bundle: Bundle | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (bundle) {
        await tx.query(
          `INSERT INTO bundles (hash, body, gzip, brotli) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING`,
          [bundle.hash, bundle.body, bundle.gzip, bundle.brotli],
        );
      }
      await tx.query(
        `INSERT INTO compile_cache (key, ok, diagnostics, bundle_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING`,
        [entry.key, entry.ok, diagnosticsJson(entry.diagnostics), entry.bundleHash],
      );
    });
  }

  async getBundle(hash: string): Promise<Bundle | null> {
    const { rows } = await this.db.query<Row>('SELECT hash, body, gzip, brotli FROM bundles WHERE hash = $1', [hash]);
    return rows[0] ? toBundle(rows[0]) : null;
  }
}

const noDriver: StoreDriver = {
  kind: 'pglite',
  executeSql: () => Promise.reject(new Error('this store has no driver for jobs')),
  notify: async () => {},
  listen: async () => async () => {},
};

/** Values go to json/jsonb columns as text, which both drivers pass through unchanged. */
function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * Diagnostics live in jsonb, which cannot hold U+0000; a message may quote an author's text that contains one.
 * Messages are for people, so NUL becomes U+FFFD there. Scenarios are `json` and keep every character.
 */
function diagnosticsJson(value: unknown): string {
  return JSON.stringify(value ?? [], (_key, v) => (typeof v === 'string' ? v.replaceAll('\u0000', '\ufffd') : v));
}

function toBotBase(row: Row): Omit<Bot, 'draft'> {
  const published: PublishedRef | null =
    row.pub_version == null ? null : { version: row.pub_version, hash: row.pub_hash, publishedAt: row.pub_at };
  return { id: row.id, orgId: row.org_id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at, published };
}

function toVersionSummary(row: Row): VersionSummary {
  return {
    botId: row.bot_id,
    version: row.version,
    hash: row.bundle_hash,
    compileKey: row.compile_key,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function toBundle(row: Row): Bundle {
  return { hash: row.hash, body: row.body, gzip: row.gzip, brotli: row.brotli };
}

function toUser(row: Row): User {
  return { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash, createdAt: row.created_at };
}

function toToken(row: Row): ApiToken {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    role: row.role as Role,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
