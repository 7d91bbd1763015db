import type { z } from 'zod';
import { d } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { describeIssue, formatPath } from './issues.ts';

/**
 * Validates `raw` against a strict schema and reports, rather than throws:
 * unknown fields become `schema.unknown_field` warnings and are ignored; each invalid field is a
 * `schema.invalid` error. Invalid top-level fields are then left out, so an object whose bad
 * fields were optional still comes back (its errors stand); if a required one was bad, nothing does.
 * `base` is the JSON path of `raw` in the document, `nodeId` the node it belongs to.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  base: string,
  nodeId: string | undefined,
  out: Diagnostic[],
): T | undefined {
  const first = schema.safeParse(raw);
  if (first.success) return first.data;
  let cleaned = raw;
  let broken = false;
  for (const issue of first.error.issues) {
    const at = (path: readonly PropertyKey[]) => ({ nodeId, path: formatPath(base, path) });
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(d.schema_unknown_field(at([...issue.path, key]), key));
        cleaned = without(cleaned, issue.path, key);
      }
      continue;
    }
    const problem = describeIssue(issue, raw);
    out.push(d.schema_invalid(at(problem.path), problem.message));
    if (issue.path.length === 0) broken = true;
    else cleaned = without(cleaned, [], issue.path[0]);
  }
  if (broken) return undefined;
  const second = schema.safeParse(cleaned);
  return second.success ? second.data : undefined;
}

/** A copy of `root` without `key` in the object at `path`; only the objects along the path are copied. */
function without(root: unknown, path: readonly PropertyKey[], key: PropertyKey): unknown {
  if (root === null || typeof root !== 'object') return root;
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<PropertyKey, unknown>;
  if (path.length === 0) {
    delete copy[key];
  } else {
    const [head, ...rest] = path;
    copy[head] = without(copy[head], rest, key);
  }
  return copy;
}
