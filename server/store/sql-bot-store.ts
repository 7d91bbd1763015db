import type { Diagnostic } from '../../compiler/index.ts';
import type { SqlClient, SqlDatabase } from './sql.ts';
import type {
  Bot,
  BotsStore,
  BotSettings,
  BotSettingsPatch,
  BotSummary,
  BotVisitorSettings,
  Bundle,
  CompileCacheEntry,
  NewBot,
  NewVersion,
  PublishedRef,
  PublishedVersion,
  Version,
  VersionSummary,
} from './bot-types.ts';

type Row = Record<string, any>;

const BOT_COLUMNS = `b.id, b.org_id, b.name, b.created_at, b.updated_at,
  b.allowed_origins, b.webhook_url, b.webhook_secret IS NOT NULL AS webhook_secret_set, b.long_timer_threshold,
  v.version AS pub_version, v.bundle_hash AS pub_hash, v.created_at AS pub_at`;
const BOT_FROM = `bots b LEFT JOIN versions v ON v.bot_id = b.id AND v.version = b.published_version`;
const COUNT_DIAGNOSTICS = (severity: string) =>
  `(SELECT count(*)::int FROM jsonb_array_elements(b.draft_diagnostics) d WHERE d->>'severity' = '${severity}')`;

/**
 * The bots facet over SQL: bots, drafts, settings, versions, bundles and the compile cache. Drivers differ only in how
 * they are opened (`pglite-store.ts`, `pg-store.ts`), so both run exactly these statements.
 */
export class SqlBotStore implements BotsStore {
  constructor(private readonly db: SqlDatabase) {}

  async createBot(bot: NewBot): Promise<Bot> {
    await this.insertBot(this.db, bot, false);
    return (await this.getBot(bot.orgId, bot.id))!;
  }

  async ensureBot(bot: NewBot): Promise<Bot | null> {
    await this.insertBot(this.db, bot, true);
    return this.getBot(bot.orgId, bot.id);
  }

  private async insertBot(db: SqlClient, bot: NewBot, ifAbsent: boolean): Promise<void> {
    const settings = bot.settings ?? {};
    await db.query(
      `INSERT INTO bots (id, org_id, name, draft_scenario, draft_diagnostics, allowed_origins, webhook_url, webhook_secret, long_timer_threshold)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ${ifAbsent ? 'ON CONFLICT (id) DO NOTHING' : ''}`,
      [
        bot.id,
        bot.orgId,
        bot.name,
        json(bot.scenario),
        diagnosticsJson(bot.diagnostics),
        json(settings.allowedOrigins ?? []),
        settings.webhookUrl ?? null,
        settings.webhookSecret ?? null,
        settings.longTimerThreshold ?? null,
      ],
    );
  }

  async getBot(orgId: string, botId: string): Promise<Bot | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${BOT_COLUMNS}, b.draft_scenario, b.draft_diagnostics, b.draft_updated_at, b.draft_revision
       FROM ${BOT_FROM} WHERE b.org_id = $1 AND b.id = $2`,
      [orgId, botId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      ...toBotBase(row),
      draft: {
        scenario: row.draft_scenario,
        diagnostics: row.draft_diagnostics,
        updatedAt: row.draft_updated_at,
        revision: row.draft_revision,
      },
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

  async saveDraft(
    orgId: string,
    botId: string,
    draft: { scenario: unknown; diagnostics: Diagnostic[] },
    options: { ifRevision?: number } = {},
  ): Promise<Bot | null | 'conflict'> {
    // The revision check and the write are one statement, so two saves from one revision cannot both succeed.
    const { affected } = await this.db.query(
      `UPDATE bots SET draft_scenario = $3, draft_diagnostics = $4, draft_revision = draft_revision + 1,
         draft_updated_at = now(), updated_at = now()
       WHERE org_id = $1 AND id = $2 AND ($5::int IS NULL OR draft_revision = $5::int)`,
      [orgId, botId, json(draft.scenario), diagnosticsJson(draft.diagnostics), options.ifRevision ?? null],
    );
    if (affected > 0) return this.getBot(orgId, botId);
    if (options.ifRevision === undefined) return null;
    return (await this.getBot(orgId, botId)) ? 'conflict' : null;
  }

  async updateBotSettings(orgId: string, botId: string, patch: BotSettingsPatch): Promise<Bot | null> {
    // Each field is only written when present in the patch: `$n::bool` says whether it is.
    const { affected } = await this.db.query(
      `UPDATE bots SET
         allowed_origins = CASE WHEN $3::bool THEN $4::jsonb ELSE allowed_origins END,
         webhook_url = CASE WHEN $5::bool THEN $6::text ELSE webhook_url END,
         webhook_secret = CASE WHEN $7::bool THEN $8::text ELSE webhook_secret END,
         long_timer_threshold = CASE WHEN $9::bool THEN $10::text ELSE long_timer_threshold END,
         updated_at = now()
       WHERE org_id = $1 AND id = $2`,
      [
        orgId,
        botId,
        patch.allowedOrigins !== undefined,
        json(patch.allowedOrigins ?? []),
        patch.webhookUrl !== undefined,
        patch.webhookUrl ?? null,
        patch.webhookSecret !== undefined,
        patch.webhookSecret ?? null,
        patch.longTimerThreshold !== undefined,
        patch.longTimerThreshold ?? null,
      ],
    );
    return affected > 0 ? this.getBot(orgId, botId) : null;
  }

  async deleteBot(orgId: string, botId: string): Promise<boolean> {
    const { affected } = await this.db.query('DELETE FROM bots WHERE org_id = $1 AND id = $2', [orgId, botId]);
    return affected > 0;
  }

  async unpublishBot(orgId: string, botId: string): Promise<Bot | null> {
    const { affected } = await this.db.query(
      'UPDATE bots SET published_version = NULL, updated_at = now() WHERE org_id = $1 AND id = $2',
      [orgId, botId],
    );
    return affected > 0 ? this.getBot(orgId, botId) : null;
  }

  async botVisitorSettings(botId: string): Promise<BotVisitorSettings | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT b.org_id, b.allowed_origins, b.webhook_url, b.webhook_secret, b.long_timer_threshold,
         b.published_version IS NOT NULL AS published,
         v.scenario->'settings'->'allowedOrigins' AS scenario_origins,
         v.scenario->'settings'->>'longTimerThreshold' AS scenario_threshold
       FROM ${BOT_FROM} WHERE b.id = $1`,
      [botId],
    );
    const row = rows[0];
    if (!row) return null;
    const origins = [...stringArray(row.allowed_origins), ...stringArray(row.scenario_origins)];
    return {
      orgId: row.org_id,
      allowedOrigins: [...new Set(origins)],
      webhookUrl: row.webhook_url,
      webhookSecret: row.webhook_secret,
      longTimerThreshold:
        row.long_timer_threshold ?? (typeof row.scenario_threshold === 'string' ? row.scenario_threshold : null),
      published: row.published,
    };
  }

  async publishedBot(botId: string): Promise<{ orgId: string; allowedOrigins: string[] } | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT b.org_id, v.scenario->'settings'->'allowedOrigins' AS origins
       FROM bots b JOIN versions v ON v.bot_id = b.id AND v.version = b.published_version WHERE b.id = $1`,
      [botId],
    );
    if (!rows[0]) return null;
    const origins = Array.isArray(rows[0].origins) ? rows[0].origins.filter((o: unknown) => typeof o === 'string') : [];
    return { orgId: rows[0].org_id, allowedOrigins: origins };
  }

  async publishVersion(v: NewVersion): Promise<PublishedVersion | null> {
    return this.db.transaction(async (tx) => {
      if (v.unlessUnchanged) {
        // Take the bot's row lock first, so a concurrent publish of the same draft waits and then sees ours. The
        // live version is read by a second statement: under READ COMMITTED only a new statement's snapshot sees the
        // version the other publish committed while this one waited (a join in the locking statement would not).
        await tx.query(`SELECT id FROM bots WHERE org_id = $1 AND id = $2 FOR UPDATE`, [v.orgId, v.botId]);
        const live = await tx.query<Row>(
          `SELECT v.* FROM bots b JOIN versions v ON v.bot_id = b.id AND v.version = b.published_version
           WHERE b.org_id = $1 AND b.id = $2`,
          [v.orgId, v.botId],
        );
        const row = live.rows[0];
        if (row && row.bundle_hash === v.bundleHash)
          return { ...toVersionSummary(row), scenario: row.scenario, unchanged: true };
      }
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
      return { ...toVersionSummary(rows[0]), scenario: rows[0].scenario, unchanged: false };
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

  async listVersionsWithScenarios(orgId: string, botId: string): Promise<Version[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT v.* FROM versions v JOIN bots b ON b.id = v.bot_id
       WHERE b.org_id = $1 AND v.bot_id = $2 ORDER BY v.version DESC`,
      [orgId, botId],
    );
    return rows.map((row) => ({ ...toVersionSummary(row), scenario: row.scenario }));
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

  async publishedBundleHash(botId: string): Promise<string | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT v.bundle_hash FROM bots b JOIN versions v ON v.bot_id = b.id AND v.version = b.published_version WHERE b.id = $1`,
      [botId],
    );
    return rows[0]?.bundle_hash ?? null;
  }

  async getBotBundle(botId: string, hash: string): Promise<Bundle | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT bu.hash, bu.body, bu.gzip, bu.brotli FROM bundles bu
       WHERE bu.hash = $2 AND EXISTS (
         SELECT 1 FROM versions v JOIN bots b ON b.id = v.bot_id
         WHERE v.bot_id = $1 AND v.bundle_hash = $2 AND b.published_version IS NOT NULL)`,
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
  const settings: BotSettings = {
    allowedOrigins: stringArray(row.allowed_origins),
    webhookUrl: row.webhook_url ?? null,
    webhookSecretSet: row.webhook_secret_set === true,
    longTimerThreshold: row.long_timer_threshold ?? null,
  };
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    published,
    settings,
  };
}

/** The strings of a json value that should be a string array (a scenario's settings are the author's to get wrong). */
function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
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
