/**
 * The REST calls the builder makes, with the page's session cookie. Errors come back as
 * `ApiError` carrying the server's `{code, message, diagnostics}`, so the UI can say why.
 */
import type { Diagnostic } from '../compiler/check.ts';
import type { Doc } from './model/types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
    /** For `request.invalid`: the server's sentence for each field, by its name. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A member of the organisation, as the Team page lists them. */
export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export type Role = 'owner' | 'editor' | 'manager';

/** A pending invite; `url` only in the answer to its creation. */
export interface InviteInfo {
  id: string;
  email: string | null;
  role: Role;
  expiresAt: string;
  url?: string;
}

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

export interface Version {
  version: number;
  hash: string;
  createdAt: string;
  bundleUrl: string;
}

const BASE = '/api/v1';

async function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('Content-Type', 'application/json');
  // Automation may drive the builder with an API token instead of a session.
  const token = sessionStorage.getItem('chatlet.token');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(BASE + path, {
    ...init,
    headers,
    credentials: 'same-origin',
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  if (res.ok) return res;
  let body: {
    error?: {
      code?: string;
      message?: string;
      diagnostics?: Diagnostic[];
      details?: { path: string; message: string }[];
    };
  } = {};
  try {
    body = await res.json();
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  // A 400's details are sentences per field; together they say more than "The request body is invalid".
  const details = body.error?.details ?? [];
  const fields = Object.fromEntries(details.map((d) => [d.path, d.message]));
  const message = details.length ? details.map((d) => d.message).join(' ') : (body.error?.message ?? res.statusText);
  throw new ApiError(
    res.status,
    body.error?.code ?? `http.${res.status}`,
    message,
    body.error?.diagnostics ?? [],
    fields,
  );
}

export const api = {
  session: async () =>
    (await call('/session')).json() as Promise<{ user?: { email: string }; org?: { name: string }; role?: Role }>,
  logout: () => call('/session', { method: 'DELETE' }),
  deleteBot: (id: string) => call(`/bots/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  members: async () => ((await (await call('/users')).json()) as { users: Member[] }).users,
  changeRole: async (id: string, role: Role) =>
    (await call(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: { role } })).json() as Promise<Member>,
  removeMember: (id: string) => call(`/users/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  invites: async () => ((await (await call('/invites')).json()) as { invites: InviteInfo[] }).invites,
  createInvite: async (input: { role: Role; email?: string }) =>
    (await call('/invites', { method: 'POST', json: input })).json() as Promise<InviteInfo>,
  revokeInvite: (id: string) => call(`/invites/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  login: (email: string, password: string) => call('/session', { method: 'POST', json: { email, password } }),
  setup: (email: string, password: string, orgName: string) =>
    call('/setup', { method: 'POST', json: { email, password, orgName } }),
  bots: async () => ((await (await call('/bots')).json()) as { bots: BotInfo[] }).bots,
  createBot: async (name: string, scenario: Doc) =>
    (await call('/bots', { method: 'POST', json: { name, scenario } })).json() as Promise<BotInfo>,
  /** The bot with its draft, and the draft's ETag for the next save. */
  bot: async (id: string) => {
    const res = await call(`/bots/${encodeURIComponent(id)}`);
    return { bot: (await res.json()) as BotInfo, etag: res.headers.get('ETag') };
  },
  /** Saves the draft if nobody else saved since `etag`; a 409 `bot.conflict` otherwise. */
  save: async (id: string, doc: Doc, etag: string | null) => {
    const res = await call(`/bots/${encodeURIComponent(id)}/scenario`, {
      method: 'PUT',
      json: doc,
      headers: etag ? { 'If-Match': etag } : {},
    });
    const body = (await res.json()) as { diagnostics: Diagnostic[] };
    return { etag: res.headers.get('ETag'), diagnostics: body.diagnostics };
  },
  publish: async (id: string) =>
    (await call(`/bots/${encodeURIComponent(id)}/publish`, { method: 'POST' })).json() as Promise<{
      version: number;
      unchanged: boolean;
      scriptUrl: string;
      bundleUrl: string;
      testPageUrl: string;
    }>,
  versions: async (id: string) =>
    ((await (await call(`/bots/${encodeURIComponent(id)}/versions`)).json()) as { versions: Version[] }).versions,
  restore: async (id: string, version: number) =>
    (
      await call(`/bots/${encodeURIComponent(id)}/versions/${version}/restore`, { method: 'POST' })
    ).json() as Promise<BotInfo>,
  /** The compiled bundle of a scenario, as JavaScript text, for the preview. */
  preview: async (id: string, scenario: Doc) =>
    (await call(`/bots/${encodeURIComponent(id)}/preview`, { method: 'POST', json: scenario })).text(),
  settings: async (id: string, settings: Record<string, unknown>) =>
    (await call(`/bots/${encodeURIComponent(id)}/settings`, { method: 'PATCH', json: settings })).json(),
  importBpmn: async (xml: string) =>
    (
      await call('/import/bpmn', { method: 'POST', body: xml, headers: { 'Content-Type': 'application/xml' } })
    ).json() as Promise<{ scenario: Doc; diagnostics: Diagnostic[] }>,
};
