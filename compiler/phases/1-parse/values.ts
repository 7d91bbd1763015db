import { z } from 'zod';

/**
 * Schemas for the kinds of value the format shares between node types (see model/types.ts).
 * Objects are strict so unknown fields surface as issues; `parse` turns those into warnings.
 */

/** A reference to another node. Whether it names one is the analyze phase's question. */
export const nodeRef = z.string();

/** A string, or a map from language to string. */
export const text = z.union([z.string(), z.record(z.string(), z.string())]);

/** Expression source; checked by the analyze phase. */
export const expr = z.string();

/** An ISO 8601 duration or `{expr}`; the ISO text is checked by the analyze phase. */
export const duration = z.union([z.string(), z.strictObject({ expr: z.string() })]);

export const httpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export const httpHeaders = z.record(
  z.string(),
  z.union([z.string(), z.strictObject({ value: z.string(), public: z.literal(true) })]),
);

/** A node schema: the fields every node has, plus its own. */
export function nodeSchema<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ id: z.string().min(1), label: z.string().optional(), type: z.literal(type), ...shape });
}
