/**
 * The REST calls the builder makes, with the page's session cookie, through the shared web client
 * (rest/client.ts). Errors come back as its `ApiError` carrying the server's `{code, message,
 * diagnostics}`, so the UI can say why.
 */
import type { Diagnostic } from '../compiler/browser.ts';
import { createClient, type CallInit } from '../rest/index.ts';
import type { Doc } from './model/types.ts';

export { ApiError } from '../rest/index.ts';

/** A member of the organisation, as the Team page lists them. */
export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** A member's role in the organisation: owners manage the team, editors build bots, managers answer visitors. */
export type Role = 'owner' | 'editor' | 'manager';

/** A pending invite; `url` only in the answer to its creation. */
export interface InviteInfo {
  id: string;
  email: string | null;
  role: Role;
  expiresAt: string;
  url?: string;
}

/** A bot as the API describes it: its script, the published version, and (when read alone) its draft and settings. */
export interface BotInfo {
  id: string;
  name: string;
  scriptUrl: string;
  embed?: string;
  published: { version: number; hash: string; publishedAt?: string; bundleUrl: string } | null;
  draft?: { scenario?: Doc; diagnostics?: Diagnostic[]; errors?: number; warnings?: number; updatedAt?: string };
  settings?: {
    allowedOrigins?: string[];
    webhookUrl?: string | null;
    webhookSecret?: string | null;
    longTimerThreshold?: string | null;
    webhookSecretSet?: boolean;
  };
}

/** A published version of a bot, with the address of its bundle. */
export interface Version {
  version: number;
  hash: string;
  createdAt: string;
  bundleUrl: string;
}

const client = createClient({
  base: '/api/v1',
  // Automation may drive the builder with an API token instead of a session.
  headers: (): Record<string, string> => {
    const token = sessionStorage.getItem('chatlet.token');
    return token ? { Authorization: `Bearer ${token}` } : {};
  },
});

const call = (path: string, init?: CallInit): Promise<Response> => client.request(path, init);
const json = <T>(path: string, init?: CallInit): Promise<T> => client.json<T>(path, init);
const bot = (id: string) => `/bots/${encodeURIComponent(id)}`;

/** The builder's calls, one per thing it asks the server. */
export const api = {
  session: () => json<{ user?: { email: string }; org?: { name: string }; role?: Role }>('/session'),
  logout: () => call('/session', { method: 'DELETE' }),
  deleteBot: (id: string) => call(bot(id), { method: 'DELETE' }),
  members: async () => (await json<{ users: Member[] }>('/users')).users,
  changeRole: (id: string, role: Role) =>
    json<Member>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: { role } }),
  removeMember: (id: string) => call(`/users/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  invites: async () => (await json<{ invites: InviteInfo[] }>('/invites')).invites,
  createInvite: (input: { role: Role; email?: string }) =>
    json<InviteInfo>('/invites', { method: 'POST', json: input }),
  revokeInvite: (id: string) => call(`/invites/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  login: (email: string, password: string) => call('/session', { method: 'POST', json: { email, password } }),
  setup: (email: string, password: string, orgName: string) =>
    call('/setup', { method: 'POST', json: { email, password, orgName } }),
  bots: async () => (await json<{ bots: BotInfo[] }>('/bots')).bots,
  createBot: (name: string, scenario: Doc) => json<BotInfo>('/bots', { method: 'POST', json: { name, scenario } }),
  /** The bot with its draft, and the draft's ETag for the next save. */
  bot: async (id: string) => {
    const res = await call(bot(id));
    return { bot: (await res.json()) as BotInfo, etag: res.headers.get('ETag') };
  },
  /**
   * Saves the draft if nobody else saved since `etag`; a 409 `bot.conflict` otherwise. Answers the new
   * ETag and the server's diagnostics of what it saved (the full compile: the builder shows them too).
   */
  save: async (id: string, doc: Doc, etag: string | null) => {
    const res = await call(`${bot(id)}/scenario`, {
      method: 'PUT',
      json: doc,
      headers: etag ? { 'If-Match': etag } : {},
    });
    const body = (await res.json()) as { diagnostics?: Diagnostic[] };
    return { etag: res.headers.get('ETag'), diagnostics: body.diagnostics ?? [] };
  },
  publish: (id: string) =>
    json<{ version: number; unchanged: boolean; scriptUrl: string; bundleUrl: string; testPageUrl: string }>(
      `${bot(id)}/publish`,
      { method: 'POST' },
    ),
  versions: async (id: string) => (await json<{ versions: Version[] }>(`${bot(id)}/versions`)).versions,
  restore: (id: string, version: number) => json<BotInfo>(`${bot(id)}/versions/${version}/restore`, { method: 'POST' }),
  /** The compiled bundle of a scenario, as JavaScript text, for the preview. */
  preview: async (id: string, scenario: Doc) =>
    (await call(`${bot(id)}/preview`, { method: 'POST', json: scenario })).text(),
  settings: (id: string, settings: Record<string, unknown>) =>
    json<unknown>(`${bot(id)}/settings`, { method: 'PATCH', json: settings }),
  // The owner's results API (Results tab, Analytics): the shared client's calls, which build the query strings.
  results: client.results,
  resultsCsvUrl: client.resultsCsvUrl,
  analytics: client.analytics,
  deleteResult: client.deleteResult,
  eraseVisitor: client.eraseVisitor,
  importBpmn: (xml: string) =>
    json<{ scenario: Doc; diagnostics: Diagnostic[] }>('/import/bpmn', {
      method: 'POST',
      body: xml,
      headers: { 'Content-Type': 'application/xml' },
    }),
};
