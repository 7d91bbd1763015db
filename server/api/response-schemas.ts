import { z } from 'zod';
import type { HandoffDetail, QueueEntry } from '../../rest/index.ts';

// Response bodies, for the OpenAPI document only: the handlers build them with views.ts, and the REST tests
// check what they actually send. Kept next to the request schemas so both change together.

const Diagnostic = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  nodeId: z.string().optional(),
  path: z.string().optional(),
  column: z.number().optional(),
});

const Published = z
  .object({ version: z.number().int(), hash: z.string(), publishedAt: z.string(), bundleUrl: z.string() })
  .nullable();

export const BotSettingsView = z.object({
  allowedOrigins: z.array(z.string()),
  webhookUrl: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  longTimerThreshold: z.string().nullable(),
});

const BotBase = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scriptUrl: z.string().describe('`/bots/<id>.js`: the latest published version'),
  published: Published,
  settings: BotSettingsView,
});

export const BotView = BotBase.extend({
  embed: z.string().describe('The script tag for a landing page'),
  draftEtag: z.string().describe('Send as If-Match when saving the draft'),
  draft: z.object({
    scenario: z.record(z.string(), z.unknown()),
    diagnostics: z.array(Diagnostic),
    updatedAt: z.string(),
  }),
});

export const BotList = z.object({
  bots: z.array(BotBase.extend({ draft: z.object({ errors: z.number().int(), warnings: z.number().int() }) })),
});

export const DraftSaved = z.object({
  ok: z.boolean(),
  diagnostics: z.array(Diagnostic),
  updatedAt: z.string(),
  draftEtag: z.string(),
});

export const CompileResult = z.object({ ok: z.boolean(), diagnostics: z.array(Diagnostic) });

export const Published201 = z.object({
  version: z.number().int(),
  hash: z.string(),
  /** True when the draft was already live and no version was added (answered with 200 instead of 201). */
  unchanged: z.boolean(),
  bundleUrl: z.string(),
  scriptUrl: z.string(),
  /** `/try/<id>`: a page of the server's with the bot embedded. */
  testPageUrl: z.string(),
  createdAt: z.string(),
});

const VersionSummary = z.object({
  version: z.number().int(),
  hash: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  bundleUrl: z.string(),
});

export const VersionList = z.object({ versions: z.array(VersionSummary) });
export const VersionView = VersionSummary.extend({ scenario: z.record(z.string(), z.unknown()) });

export const SessionView = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  org: z.object({ id: z.string(), name: z.string() }),
  role: z.enum(['owner', 'editor', 'manager']),
});

export const MemberView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'editor', 'manager']),
  joinedAt: z.string(),
});
export const MemberList = z.object({ users: z.array(MemberView) });

export const OrgView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'editor', 'manager']),
  current: z.boolean(),
});
export const OrgList = z.object({ orgs: z.array(OrgView) });

export const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'editor', 'manager']),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export const TokenList = z.object({ tokens: z.array(TokenView) });
export const TokenCreated = TokenView.extend({
  token: z.string().describe('The secret: shown this once, never again'),
});

/** A handoff as the queue, the claim and resolve answers and the manager stream's events show it. */
export const HandoffEntry = z.object({
  id: z.string(),
  botId: z.string(),
  queue: z.string().nullable(),
  status: z.enum(['waiting', 'active', 'resolved', 'timeout']),
  createdAt: z.string(),
  claimedAt: z.string().nullable(),
  claimedBy: z.string().nullable(),
  claimedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  outcome: z.enum(['resolved', 'unresolved']).nullable(),
  visitorLeftAt: z
    .string()
    .nullable()
    .describe(
      'When the visitor closed the page and did not come back within the grace period; null while they are there',
    ),
  waitingMs: z.number().int().describe('From the request to the claim (or close, or now)'),
  timeoutAt: z.string().nullable(),
  preview: z.string().nullable().describe("The visitor's last words to the bot"),
});
export const HandoffList = z.object({ handoffs: z.array(HandoffEntry) });
export const HandoffDetailView = HandoffEntry.extend({
  transcript: z.array(z.object({ from: z.enum(['bot', 'visitor', 'manager', 'system']), text: z.string() })),
  variables: z.record(z.string(), z.unknown()),
  resultVariables: z.record(z.string(), z.unknown()).nullable(),
  note: z.string().nullable(),
  rating: z.number().int().nullable(),
  messages: z.array(
    z.object({
      id: z.number().int(),
      from: z.enum(['visitor', 'manager']),
      text: z.string(),
      name: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

// The OpenAPI schemas above describe exactly the view the routes send (rest/handoffs.ts): a field added to one and
// not the other is a type error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const entryIsTheView: Same<z.infer<typeof HandoffEntry>, QueueEntry> = true;
const detailIsTheView: Same<z.infer<typeof HandoffDetailView>, HandoffDetail> = true;
void [entryIsTheView, detailIsTheView];
