import { parse } from 'tinyduration';
import { z } from 'zod';

// Request bodies of the REST API. The OpenAPI document is generated from these, so a route cannot accept a
// body its documentation does not describe.

/** Names are shown to authors verbatim; only NUL is refused, because PostgreSQL text cannot hold it. */
export const BotName = z
  .string()
  .min(1, 'name must not be empty')
  .max(200)
  .refine((s) => !s.includes('\u0000'), 'name must not contain NUL characters');

/** A scenario document; its contents are the compiler's to judge, which it does with diagnostics. */
export const ScenarioDocument = z.record(z.string(), z.unknown());

export const CreateBotBody = z.object({
  name: BotName,
  scenario: ScenarioDocument.optional(),
});

export const UpdateBotBody = z.object({ name: BotName });

export const CompileBody = z.object({ scenario: z.unknown() });

export const VersionParam = z.coerce.number().int().min(1).max(2_147_483_647);

const noNul = (s: string) => !s.includes('\u0000');

/**
 * A string field whose messages a person can read next to the form field: `missing` when it was not sent at all.
 * The pages show these messages as they are, so they are written as instructions, not as zod's type talk.
 */
const text = (missing: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : 'Enter text here.') });

/** A display name of a user or an organisation: shown verbatim, like bot names. */
export const DisplayName = text('Enter a name.')
  .min(1, 'Enter a name.')
  .max(200, 'Use at most 200 characters.')
  .refine(noNul, 'must not contain NUL characters');

/** Emails are compared in lower case, so `Ann@Example.com` and `ann@example.com` are one account. */
export const Email = text('Enter an email address.')
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ message: 'Enter an email address like name@example.com.' }))
  .transform((s) => s.toLowerCase());

/** Passwords: at least 8 characters; capped so hashing one is bounded work. */
export const Password = text('Enter a password.')
  .min(8, 'The password needs at least 8 characters.')
  .max(200, 'The password can have at most 200 characters.')
  .refine(noNul, 'must not contain NUL characters');

/** The password typed at login: any length up to the cap, so a short one is a wrong one, not a 400. */
export const LoginPassword = text('Enter your password.')
  .min(1, 'Enter your password.')
  .max(200, 'The password can have at most 200 characters.');

export const RoleName = z.enum(['owner', 'editor', 'manager'], { error: 'Choose a role: owner, editor or manager.' });

export const SetupBody = z.object({
  email: Email,
  password: Password,
  name: DisplayName.optional(),
  orgName: DisplayName,
});

export const LoginBody = z.object({ email: Email, password: LoginPassword });

export const SwitchOrgBody = z.object({ orgId: z.string().min(1).max(64) });

export const AddUserBody = z.object({
  email: Email,
  password: Password.optional().describe('Required for a new account; ignored for an existing one'),
  name: DisplayName.optional(),
  role: RoleName,
});

export const ChangeRoleBody = z.object({ role: RoleName });

export const OrgBody = z.object({ name: DisplayName });

export const CreateTokenBody = z.object({
  name: DisplayName,
  role: RoleName,
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('Default: never expires'),
});

/** `https://host[:port]` exactly as a browser sends it in `Origin`: no path, no trailing slash, lower case. */
export const Origin = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://www.example.com (scheme and host, no path or trailing slash)');

export const WebhookUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials');

/** An ISO 8601 duration such as `PT1M` or `P1D`, longer than zero. */
export const IsoDuration = z
  .string()
  .max(40)
  .refine((value) => {
    try {
      const parsed = parse(value);
      return Object.values(parsed).some((n) => typeof n === 'number' && n > 0);
    } catch {
      return false;
    }
  }, 'must be an ISO 8601 duration longer than zero, such as PT1M or P1D');

export const BotSettingsBody = z
  .object({
    allowedOrigins: z.array(Origin).max(100).optional(),
    webhookUrl: WebhookUrl.nullable().optional(),
    webhookSecret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .max(256)
      .refine(noNul)
      .nullable()
      .optional()
      .describe('Write-only: reads show only `webhookSecretSet`'),
    longTimerThreshold: IsoDuration.nullable().optional(),
  })
  .strict();

/** What `GET /bots/:id/export` answers and `POST /bots/import` takes. */
export const BotExport = z.object({
  format: z.literal('chatlet.bot/1'),
  name: BotName,
  settings: z
    .object({
      allowedOrigins: z.array(Origin).max(100).optional(),
      webhookUrl: WebhookUrl.nullable().optional(),
      longTimerThreshold: IsoDuration.nullable().optional(),
    })
    .optional(),
  draft: ScenarioDocument,
  versions: z
    .array(
      z.object({
        version: z.number().int(),
        createdAt: z.string().optional(),
        hash: z.string().optional(),
        scenario: z.unknown(),
      }),
    )
    .optional()
    .describe('Kept for the record; an import does not republish them'),
});
