import { scenarioHash, type Scenario } from '../../compiler/index.ts';
import { resultsCollect } from '../results/result-view.ts';
import type { BotsStore } from '../store/types.ts';
import { cachePerBot } from './per-bot-cache.ts';

/** What ingest needs to know about a bot that reports results: read from its published (live) version. */
export interface BotResultsSettings {
  orgId: string;
  /** The live version's `settings.results.collect`: every other reported variable is dropped. */
  collect: string[];
  /** The bot version whose scenario has this hash (`ResultReport.scenario`), or null when none has. */
  versionOf(scenarioHash: string): Promise<number | null>;
}

/** A bot's results settings, or null when it is not published or its live version does not opt in. */
export type ResultsSettingsSource = (botId: string) => Promise<BotResultsSettings | null>;

/**
 * Reads a bot's results settings from its live version's scenario (the compiler checked it when it was
 * published), cached briefly per bot as the visitor settings are: every report asks. A scenario hash is mapped to
 * its version from the live version first, then, once per hash, from the bot's older versions.
 */
export function resultsSettingsSource(store: BotsStore, ttlMs = 5_000): ResultsSettingsSource {
  const read = async (botId: string): Promise<BotResultsSettings | null> => {
    const visitor = await store.botVisitorSettings(botId);
    if (!visitor?.published) return null;
    const bot = await store.getBot(visitor.orgId, botId);
    const live = bot?.published && (await store.getVersion(visitor.orgId, botId, bot.published.version));
    const collect = live ? resultsCollect(live.scenario) : null;
    if (!live || !collect) return null;
    const known = new Map<string, Promise<number | null>>([
      [scenarioHash(live.scenario as Scenario), Promise.resolve(live.version)],
    ]);
    const versionOf = (hash: string) => {
      let found = known.get(hash);
      if (!found) {
        found = store
          .listVersionsWithScenarios(visitor.orgId, botId)
          .then((all) => all.find((v) => scenarioHash(v.scenario as Scenario) === hash)?.version ?? null);
        // A report's hash is whatever its bundle says: remember a bounded number of them.
        if (known.size < 100) known.set(hash, found);
      }
      return found;
    };
    return { orgId: visitor.orgId, collect, versionOf };
  };
  return cachePerBot(read, ttlMs);
}
