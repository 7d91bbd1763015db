import type { BotsStore } from '../store/types.ts';
import { cachePerBot } from './per-bot-cache.ts';

/** What the visitor side needs to know about a bot; the bot's settings in the builder are where it is configured. */
export interface BotVisitorSettings {
  orgId: string;
  /** Empty: any origin may embed the bot. */
  allowedOrigins: string[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  published: boolean;
}

export type BotSettingsSource = (botId: string) => Promise<BotVisitorSettings | null>;

/**
 * The bot's visitor settings: from the store's per-bot settings (`botVisitorSettings`) when the
 * store has them, else from the published scenario's `settings.allowedOrigins` with no webhook.
 * Cached briefly: every visitor request and every fired timer asks.
 */
export function botSettingsSource(store: BotsStore, ttlMs = 5_000): BotSettingsSource {
  const fromStore = (store as unknown as { botVisitorSettings?: BotSettingsSource }).botVisitorSettings;
  const read: BotSettingsSource = fromStore
    ? (botId) => fromStore.call(store, botId)
    : async (botId) => {
        const bot = await store.publishedBot(botId);
        return (
          bot && {
            orgId: bot.orgId,
            allowedOrigins: bot.allowedOrigins,
            webhookUrl: null,
            webhookSecret: null,
            published: true,
          }
        );
      };
  return cachePerBot(read, ttlMs);
}
