import { z } from 'zod';

const jsonSize = (max: number) => (value: unknown) => JSON.stringify(value ?? null).length <= max;

export const SessionBody = z.object({
  botId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'botId must be a bot id'),
  visitorId: z.string().regex(/^[0-9a-f]{16,64}$/, 'visitorId must be 16–64 hex digits'),
});

// A year back (clock skew, a late reload) to ten years ahead: "months long" with room.
const YEAR = 365 * 24 * 3600 * 1000;
export const TimerBody = z.object({
  dueAt: z
    .number()
    .int()
    .refine((v) => Math.abs(v - Date.now()) < 10 * YEAR, 'dueAt must be ms since epoch, within ten years'),
  event: z
    .looseObject({ type: z.string().min(1).max(200) })
    .refine(jsonSize(4_096), 'event must be at most 4 KB of JSON'),
});

export const TIMER_ID = /^[^\u0000-\u001f]{1,300}$/;

export const AckBody = z.object({ upTo: z.number().int().nonnegative() });

const Line = z.object({ from: z.enum(['bot', 'visitor', 'manager', 'system']), text: z.string().max(10_000) });

export const HandoffBody = z.object({
  handoffKey: z.string().min(1).max(300),
  queue: z.string().max(100).nullish(),
  timeoutAt: z.number().int().positive().nullish(),
  transcript: z.array(Line).max(2_000).default([]),
  variables: z
    .record(z.string(), z.unknown())
    .refine(jsonSize(64_000), 'variables must be at most 64 KB of JSON')
    .default({}),
});

export const MessageBody = z.object({ text: z.string().trim().min(1, 'text must not be empty').max(4_000) });

export const RatingBody = z.object({ rating: z.number().int().min(1).max(5) });

export const ResolveBody = z.object({
  outcome: z.enum(['resolved', 'unresolved']),
  variables: z
    .record(z.string(), z.unknown())
    .refine(jsonSize(64_000), 'variables must be at most 64 KB of JSON')
    .optional(),
  note: z.string().max(4_000).nullish(),
});

export const AvailabilityBody = z.object({ status: z.enum(['online', 'away']) });
