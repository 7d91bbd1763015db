import { z } from 'zod';

// Request bodies of the REST API. The OpenAPI document (issue 4) is generated from these.

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
