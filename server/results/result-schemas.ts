/**
 * The owner's results answers as zod schemas, for the OpenAPI document only: the routes build them with
 * result-view.ts and the store, and server/results/results-api.test.ts checks what they send.
 */
import { z } from 'zod';

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const ResultView = z.object({
  id: z.string(),
  visitorId: z.string(),
  version: z.number().int().nullable().describe('The bot version the conversation ran, when known'),
  startedAt: z.string(),
  updatedAt: z.string(),
  completed: z.boolean(),
  handoff: z.boolean(),
  lastNodeId: z.string().nullable(),
  path: z.array(z.string()).describe('The nodes reached, in order'),
  variables: z.record(z.string(), Value).describe('The declared variables only'),
});

/** `GET /bots/:id/results`. */
export const ResultPageSchema = z.object({
  results: z.array(ResultView).describe('Newest first'),
  next: z.string().nullable().describe('Send as `cursor` for the next page; null on the last'),
  columns: z.array(z.string()).describe("The live version's `settings.results.collect`"),
});

/** `GET /bots/:id/analytics`. */
export const AnalyticsSchema = z.object({
  starts: z.number().int(),
  completions: z.number().int(),
  nodes: z
    .array(z.object({ id: z.string(), reached: z.number().int(), dropped: z.number().int() }))
    .describe('`reached`: conversations that reached the node; `dropped`: those that ended there without completing'),
  splits: z.array(
    z.object({
      id: z.string(),
      branches: z.array(
        z.object({
          index: z.number().int(),
          next: z.string(),
          starts: z.number().int(),
          completions: z.number().int(),
        }),
      ),
    }),
  ),
});

/** `DELETE /bots/:id/results?visitorId=`. */
export const ErasedSchema = z.object({ deleted: z.number().int().describe('How many results were deleted') });
