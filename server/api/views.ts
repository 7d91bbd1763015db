import type { OrgView } from '../accounts/org-service.ts';
import { draftEtag } from '../bots/draft-etag.ts';
import type { PublicUrls } from '../public-urls.ts';
import type {
  ApiToken,
  Bot,
  BotSettings,
  BotSummary,
  OrgMember,
  PublishedRef,
  Version,
  VersionSummary,
} from '../store/types.ts';

// The JSON shapes of the REST API, in one place so every route answers alike (see docs/rest-api.md).

function publishedView(botId: string, published: PublishedRef | null, urls: PublicUrls) {
  if (!published) return null;
  return {
    version: published.version,
    hash: published.hash,
    publishedAt: published.publishedAt.toISOString(),
    bundleUrl: urls.versionScript(botId, published.hash),
  };
}

function botBase(bot: Omit<Bot, 'draft'>, urls: PublicUrls) {
  return {
    id: bot.id,
    name: bot.name,
    createdAt: bot.createdAt.toISOString(),
    updatedAt: bot.updatedAt.toISOString(),
    scriptUrl: urls.latestScript(bot.id),
    published: publishedView(bot.id, bot.published, urls),
    settings: settingsView(bot.settings),
  };
}

/** A bot's settings; the webhook secret never leaves the server, only whether one is set. */
export function settingsView(settings: BotSettings) {
  return {
    allowedOrigins: settings.allowedOrigins,
    webhookUrl: settings.webhookUrl,
    webhookSecretSet: settings.webhookSecretSet,
    longTimerThreshold: settings.longTimerThreshold,
  };
}

/** One bot with its draft, for `GET /bots/:id` and every call that changes a bot. */
export function botView(bot: Bot, urls: PublicUrls) {
  return {
    ...botBase(bot, urls),
    embed: `<script src="${urls.latestScript(bot.id)}" async></script>`,
    /** Send back as `If-Match` when saving the draft, to be told (409) if someone else saved in between. */
    draftEtag: draftEtag(bot.draft.revision),
    draft: {
      scenario: bot.draft.scenario,
      diagnostics: bot.draft.diagnostics,
      updatedAt: bot.draft.updatedAt.toISOString(),
    },
  };
}

/** A bot in a list: no scenario, just how many problems its draft has. */
export function botSummaryView(bot: BotSummary, urls: PublicUrls) {
  return { ...botBase(bot, urls), draft: { errors: bot.draftErrors, warnings: bot.draftWarnings } };
}

export function versionSummaryView(version: VersionSummary, urls: PublicUrls) {
  return {
    version: version.version,
    hash: version.hash,
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy,
    bundleUrl: urls.versionScript(version.botId, version.hash),
  };
}

export function versionView(version: Version, urls: PublicUrls) {
  return { ...versionSummaryView(version, urls), scenario: version.scenario };
}

export function memberView(member: OrgMember) {
  return {
    id: member.userId,
    email: member.email,
    name: member.name,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
  };
}

export function orgView(org: OrgView) {
  return { id: org.id, name: org.name, role: org.role, current: org.current };
}

/** A token without its secret, which only the answer to its creation carries. */
export function tokenView(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    createdBy: token.userId,
  };
}
