import type { Actor } from '../auth/actor.ts';
import type { BundleCache } from '../bundles/bundle-cache.ts';
import type { CompileService } from '../compile/compile-service.ts';
import { HttpError, notFound } from '../http/http-error.ts';
import { BOT_ID_PATTERN, newId } from '../ids.ts';
import type { Bot, BotSummary, Store, Version, VersionSummary } from '../store/types.ts';
import { starterScenario } from './starter-scenario.ts';

/**
 * What can be done to bots, whoever asks over whichever transport. Every call is scoped to the actor's
 * organisation; a bot of another organisation is "not found", never "forbidden", so ids do not leak.
 */
export class BotService {
  constructor(
    private readonly store: Store,
    private readonly compiler: CompileService,
    private readonly bundles: BundleCache,
  ) {}

  /** Creates a bot with a draft (a starter scenario when none is given) and its diagnostics. */
  async create(actor: Actor, input: { name: string; scenario?: unknown; id?: string }): Promise<Bot> {
    const id = input.id ?? newId('b');
    const scenario = input.scenario ?? starterScenario(input.name);
    const { diagnostics } = await this.compiler.compileForBot(id, scenario);
    return this.store.createBot({ id, orgId: actor.orgId, name: input.name, scenario, diagnostics });
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

  /** Saves the draft whatever its diagnostics: an author must be able to save half-finished work. */
  async saveDraft(actor: Actor, botId: string, scenario: unknown): Promise<Bot> {
    await this.get(actor, botId);
    const { diagnostics } = await this.compiler.compileForBot(botId, scenario);
    return (await this.store.saveDraft(actor.orgId, botId, { scenario, diagnostics })) ?? fail(botId);
  }

  /** Publishes the draft as the next immutable version; 422 with the diagnostics when it does not compile. */
  async publish(actor: Actor, botId: string): Promise<Version> {
    const bot = await this.get(actor, botId);
    const outcome = await this.compiler.compileForBot(botId, bot.draft.scenario);
    if (!outcome.ok || !outcome.bundle) {
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
      throw new HttpError(422, 'compile.failed', `The draft has ${errors} error${errors === 1 ? '' : 's'}; nothing was published`, {
        diagnostics: outcome.diagnostics,
      });
    }
    const version = await this.store.publishVersion({
      orgId: actor.orgId,
      botId,
      scenario: bot.draft.scenario,
      bundleHash: outcome.bundle.hash,
      compileKey: outcome.key,
      createdBy: actor.userId ?? null,
    });
    if (!version) fail(botId);
    this.bundles.published(botId, outcome.bundle);
    return version;
  }

  async versions(actor: Actor, botId: string): Promise<VersionSummary[]> {
    await this.get(actor, botId);
    return this.store.listVersions(actor.orgId, botId);
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
}

function fail(botId: string): never {
  throw notFound('bot', botId);
}

function failVersion(botId: string, version: number): never {
  throw new HttpError(404, 'version.not_found', `Bot ${JSON.stringify(botId)} has no version ${version}`);
}
