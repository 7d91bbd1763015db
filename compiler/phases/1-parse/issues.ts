import type { z } from 'zod';

/** A zod issue turned into words: the JSON path of the field and what is wrong with it. */
export interface Problem {
  path: PropertyKey[];
  message: string;
}

type Issue = z.core.$ZodIssue;

/** `['options', 0, 'next']` appended to `nodes[3]` → `nodes[3].options[0].next`. */
export function formatPath(base: string, segments: readonly PropertyKey[]): string {
  let out = base;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, key) ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  int: 'a whole number',
};

/** Describes a non-`unrecognized_keys` issue as "<field> <problem>"; `root` is the validated value. */
export function describeIssue(issue: Issue, root: unknown): Problem {
  const path = issue.path as PropertyKey[];
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(root, path);
      if (got === undefined) return { path, message: 'is required' };
      return { path, message: `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(got)}` };
    }
    case 'invalid_value':
      return {
        path,
        message:
          issue.values.length === 1
            ? `must be ${JSON.stringify(issue.values[0])}`
            : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'invalid_union': {
      // Report the alternative that got furthest: its first issue has the deepest path.
      let best: Problem | undefined;
      for (const branch of issue.errors) {
        const first = branch[0];
        if (!first) continue;
        const inner = describeIssue({ ...first, path: [...path, ...first.path] } as Issue, root);
        if (!best || inner.path.length > best.path.length) best = inner;
      }
      if (best && best.path.length > path.length) return best;
      const d = issue as { discriminator?: string; options?: unknown[] };
      if (d.discriminator && d.options) {
        return { path, message: `must be one of ${d.options.map((o) => JSON.stringify(o)).join(', ')}` };
      }
      const expected = issue.errors.flatMap((b) =>
        b[0]?.code === 'invalid_type' ? [EXPECTED[b[0].expected] ?? b[0].expected] : [],
      );
      const got = valueAt(root, path);
      if (got === undefined) return { path, message: 'is required' };
      return {
        path,
        message: `must be ${expected.length ? [...new Set(expected)].join(' or ') : 'a different kind of value'}, not ${kindOf(got)}`,
      };
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { path, message: 'must not be empty' };
      if (issue.origin === 'array') return { path, message: `must have at least ${issue.minimum} item(s)` };
      return { path, message: `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string')
        return { path, message: `must have at most ${issue.maximum} item(s)` };
      return { path, message: `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}` };
    case 'not_multiple_of':
      return {
        path,
        message: issue.divisor === 1 ? 'must be a whole number' : `must be a multiple of ${issue.divisor}`,
      };
    case 'custom':
      // Our own refinements word their message to follow the field's name.
      return { path, message: issue.message };
    default:
      return { path, message: `is invalid (${issue.message})` };
  }
}
