import { check, type Diagnostic } from '../../compiler/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { BundleCache } from '../bundles/bundle-cache.ts';
import type { CompileService } from '../compile/compile-service.ts';
import { apiError, notFound, type HttpError } from '../http/http-error.ts';
import { BOT_ID_PATTERN, newId } from '../ids.ts';
import { publishes } from '../metrics/registry.ts';
import type {
  Bot,
  BotSettings,
  BotSettingsPatch,
  BotsStore,
  BotSummary,
  PublishedVersion,
  Version,
  VersionSummary,
} from '../store/types.ts';
import { parseDraftEtag } from './draft-etag.ts';
import { starterScenario } from './starter-scenario.ts';

/**
 * What can be done to bots, whoever asks over whichever transport. Every call is scoped to the actor's
 * organisation; a bot of another organisation is "not found", never "forbidden", so ids do not leak.
 */
export class BotService {
  constructor(
    private readonly store: BotsStore,
    private readonly compiler: CompileService,
    private readonly bundles: BundleCache,
  ) {}

  /**
   * Creates a bot with a draft (a starter scenario when none is given) and its diagnostics, without
   * building its bundle: a runtime variant the server has not built before takes seconds (esbuild, then
   * terser, which holds the event loop), and an author creating a bot from a template waits for this
   * call. The compiler's `check()` gives the draft's diagnostics in milliseconds, a script's syntax
   * included (the compiler's analyze phase parses it). Not building in the background
   * either, on purpose: terser would stall the requests that open the new bot. The first preview or
   * publish builds the bundle.
   */
  async create(
    actor: Actor,
    input: { name: string; scenario?: unknown; id?: string; settings?: Omit<BotSettingsPatch, 'webhookSecret'> },
  ): Promise<Bot> {
    const id = input.id ?? newId('b');
    const scenario = input.scenario ?? starterScenario(input.name);
    const compiled = withBotSettings(scenario, input.settings ?? {});
    const { diagnostics } = check(compiled);
    return this.store.createBot({
      id,
      orgId: actor.orgId,
      name: input.name,
      scenario,
      diagnostics,
      settings: input.settings,
    });
  }

  async get(actor: Actor, botId: string): Promise<Bot> {
    if (!BOT_ID_PATTERN.test(botId)) fail(botId);
    return (await this.store.getBot(actor.orgId, botId)) ?? fail(botId);
  }

  list(actor: Actor): Promise<BotSummary[]> {
    return this.store.listBots(actor.orgId);
  }

  async rename(actor: Actor, botId: string, name: string): Promise<Bot> {
    return (await this.store.renameBot(actor.orgId, botId, name)) ?? fail(botId);
  }

  /**
   * Saves the draft whatever its diagnostics: an author must be able to save half-finished work.
   * With `ifMatch` (the draft ETag the author loaded), a save over someone else's newer one is a 409.
   */
  async saveDraft(actor: Actor, botId: string, scenario: unknown, ifMatch?: string): Promise<Bot> {
    const bot = await this.get(actor, botId);
    const ifRevision = ifMatch === undefined ? undefined : parseDraftEtag(ifMatch);
    if (ifRevision === 'invalid' || (typeof ifRevision === 'number' && ifRevision !== bot.draft.revision)) conflict();
    const { diagnostics } = await this.compiler.compileForBot(botId, withBotSettings(scenario, bot.settings));
    const saved = await this.store.saveDraft(
      actor.orgId,
      botId,
      { scenario, diagnostics },
      { ifRevision: ifRevision ?? undefined },
    );
    if (saved === 'conflict') conflict();
    return saved ?? fail(botId);
  }

  /**
   * Publishes the draft as the next immutable version; 422 with the diagnostics when it does not compile.
   * A draft whose bundle is the one already live (same scenario, settings and compiler: the bundle's content
   * hash covers all three) adds no version: the live one comes back with `unchanged: true`.
   */
  async publish(actor: Actor, botId: string): Promise<PublishedVersion> {
    const bot = await this.get(actor, botId);
    const outcome = await this.compiler.compileForBot(botId, withBotSettings(bot.draft.scenario, bot.settings));
    if (!outcome.ok || !outcome.bundle) throw compileFailed(outcome.diagnostics, 'The draft', 'nothing was published');
    const version = await this.store.publishVersion({
      orgId: actor.orgId,
      botId,
      scenario: bot.draft.scenario,
      bundleHash: outcome.bundle.hash,
      compileKey: outcome.key,
      createdBy: actor.userId ?? null,
      unlessUnchanged: true,
    });
    if (!version) fail(botId);
    if (version.unchanged) return version;
    publishes.inc();
    // Warms this instance's cache with the new bundle, so the next script request is served without a store read,
    // and tells the other instances, which refresh theirs.
    await this.bundles.published(botId, outcome.bundle);
    return version;
  }

  /** Stops serving the bot's scripts (both URLs answer the "not published" script); versions stay for a later publish. */
  async unpublish(actor: Actor, botId: string): Promise<Bot> {
    await this.get(actor, botId);
    const bot = (await this.store.unpublishBot(actor.orgId, botId)) ?? fail(botId);
    await this.bundles.withdrawn(botId);
    return bot;
  }

  /** Deletes the bot, its draft and its versions; its script URLs answer "not published" from then on. */
  async remove(actor: Actor, botId: string): Promise<void> {
    if (!BOT_ID_PATTERN.test(botId) || !(await this.store.deleteBot(actor.orgId, botId))) fail(botId);
    await this.bundles.withdrawn(botId);
  }

  async updateSettings(actor: Actor, botId: string, patch: BotSettingsPatch): Promise<Bot> {
    await this.get(actor, botId);
    return (await this.store.updateBotSettings(actor.orgId, botId, patch)) ?? fail(botId);
  }

  async versions(actor: Actor, botId: string): Promise<VersionSummary[]> {
    await this.get(actor, botId);
    return this.store.listVersions(actor.orgId, botId);
  }

  async versionsWithScenarios(actor: Actor, botId: string): Promise<Version[]> {
    await this.get(actor, botId);
    return this.store.listVersionsWithScenarios(actor.orgId, botId);
  }

  async version(actor: Actor, botId: string, version: number): Promise<Version> {
    await this.get(actor, botId);
    return (await this.store.getVersion(actor.orgId, botId, version)) ?? failVersion(botId, version);
  }

  /** Makes a past version's scenario the draft again; publishing it is a separate step. */
  async restore(actor: Actor, botId: string, version: number): Promise<Bot> {
    const old = await this.version(actor, botId, version);
    return this.saveDraft(actor, botId, old.scenario);
  }

  /**
   * Compiles a scenario (default: the draft) into a bundle for trying out, under the bot id `preview-<id>`.
   * Nothing is stored: no version, no compile cache entry.
   */
  async preview(actor: Actor, botId: string, scenario?: unknown): Promise<string> {
    const bot = await this.get(actor, botId);
    const result = await this.compiler.previewBundle(
      `preview-${botId}`,
      withBotSettings(scenario ?? bot.draft.scenario, bot.settings),
    );
    if (!result.ok || result.bundle === undefined)
      throw compileFailed(result.diagnostics, 'The scenario', 'no preview was built');
    return result.bundle;
  }
}

/**
 * The scenario as it is compiled: a bot's `longTimerThreshold` setting overrides the scenario's, because it is
 * the bundle that decides which timers to register with the server. The stored draft is left as the author wrote it.
 */
export function withBotSettings(
  scenario: unknown,
  settings: Pick<BotSettings, 'longTimerThreshold'> | BotSettingsPatch,
): unknown {
  const threshold = settings.longTimerThreshold;
  if (!threshold || !isObject(scenario)) return scenario;
  const current = isObject(scenario.settings) ? scenario.settings : {};
  return { ...scenario, settings: { ...current, longTimerThreshold: threshold } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileFailed(diagnostics: Diagnostic[], subject: string, consequence: string): HttpError {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return apiError('compile.failed', {
    message: `${subject} has ${errors} error${errors === 1 ? '' : 's'}; ${consequence}`,
    diagnostics,
  });
}

function conflict(): never {
  throw apiError('bot.conflict');
}

function fail(botId: string): never {
  throw notFound('bot', botId);
}

function failVersion(botId: string, version: number): never {
  throw apiError('version.not_found', { message: `Bot ${JSON.stringify(botId)} has no version ${version}` });
}
