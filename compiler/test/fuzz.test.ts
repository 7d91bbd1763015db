import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { $ } from '../../runtime/expr-helpers.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import { compileExpr, compileText } from '../expr/index.ts';
import { parse } from '../phases/1-parse/index.ts';
import { analyze } from '../phases/2-analyze/index.ts';

/**
 * Property tests: whatever an author (or a broken tool) sends, the front half of the compiler
 * answers with diagnostics. Analyze catches its own exceptions as `internal.error`, so these
 * properties also assert that code never appears: a caught crash is still a bug.
 */

const validDir = join(import.meta.dirname, '../samples/valid');
const samples: Record<string, unknown>[] = readdirSync(validDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(validDir, f), 'utf8')));

function frontHalf(input: unknown): Diagnostic[] {
  const parsed = parse(input);
  expect(Array.isArray(parsed.diagnostics)).toBe(true);
  if (!parsed.scenario) {
    expect(parsed.diagnostics.some((x) => x.severity === 'error')).toBe(true);
    return parsed.diagnostics;
  }
  const analyzed = analyze(parsed.scenario);
  expect(Array.isArray(analyzed.diagnostics)).toBe(true);
  expect(analyzed.analysis.byId).toBeInstanceOf(Map);
  const all = [...parsed.diagnostics, ...analyzed.diagnostics];
  for (const x of all) {
    expect(x.code).not.toBe('internal.error');
    expect(typeof x.message).toBe('string');
    expect(['error', 'warning']).toContain(x.severity);
  }
  return all;
}

/** Every (container, key) in a JSON value, so a mutation can target any field at any depth. */
function slots(root: unknown): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), walk(x)));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push([v as Record<string, unknown>, k]);
        walk(x);
      }
    }
  };
  walk(root);
  return out;
}

const mutation = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('delete', 'json', 'string', 'reference', 'expression', 'duration'),
  json: fc.jsonValue({ maxDepth: 3 }),
  text: fc.string({ maxLength: 20 }),
  expr: fc.stringMatching(/^[a-z0-9 ._()[\]"'+\-*/%!=<>&|?:,{}]{0,25}$/),
  duration: fc.constantFrom('PT5S', 'P', 'PT', 'P1M', 'PT0.6S', '-PT1S', '5s', 'P1Y2M3W4DT5H6M7.5S', ''),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(doc: Record<string, unknown>, steps: Mutation[]): Record<string, unknown> {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const ids = (copy.nodes as { id?: unknown }[]).map((n) => n?.id).filter((x) => typeof x === 'string');
  for (const step of steps) {
    const all = slots(copy);
    if (all.length === 0) break;
    const [container, key] = all[step.pick % all.length];
    const set = (v: unknown) => ((container as Record<string | number, unknown>)[key] = v);
    switch (step.action) {
      case 'delete':
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete container[key as string];
        break;
      case 'json':
        set(step.json);
        break;
      case 'string':
        set(step.text);
        break;
      case 'reference':
        set(ids.length && step.pick % 3 ? ids[step.pick % ids.length] : step.text);
        break;
      case 'expression':
        set(step.pick % 2 ? step.expr : `Hi {{${step.expr}}}`);
        break;
      case 'duration':
        set(step.pick % 2 ? step.duration : { expr: step.expr });
        break;
    }
  }
  return copy;
}

const RUNS = { numRuns: 300 };

describe('fuzzing the front half of the compiler', () => {
  it('parse and analyze never throw on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => void frontHalf(value)),
      RUNS,
    );
  });

  it('parse never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => void frontHalf(text)),
      RUNS,
    );
  });

  it('parse and analyze never throw on objects that look almost like scenarios', () => {
    const almost = fc.record(
      {
        format: fc.constantFrom('chatlet.scenario/1', 'chatlet.scenario/2', 1),
        name: fc.oneof(fc.string(), fc.jsonValue()),
        start: fc.oneof(fc.constantFrom('a', 'b', ''), fc.jsonValue()),
        nodes: fc.array(
          fc.oneof(
            fc.record(
              {
                id: fc.constantFrom('a', 'b', 'c', ''),
                type: fc.constantFrom('message', 'choice', 'parallel', 'join', 'http', 'set', 'condition', 'nope'),
                next: fc.constantFrom('a', 'b', 'c', 'x'),
                text: fc.oneof(fc.string(), fc.jsonValue()),
                branches: fc.jsonValue(),
                join: fc.constantFrom('a', 'b', 'c'),
                options: fc.jsonValue(),
                assign: fc.dictionary(fc.string(), fc.string()),
              },
              { requiredKeys: ['id', 'type'] },
            ),
            fc.jsonValue(),
          ),
          { maxLength: 6 },
        ),
        variables: fc.jsonValue(),
        settings: fc.jsonValue(),
        layout: fc.jsonValue(),
      },
      { requiredKeys: ['format'] },
    );
    fc.assert(
      fc.property(almost, (doc) => void frontHalf(doc)),
      RUNS,
    );
  });

  it('parse and analyze never throw on mutated valid scenarios', () => {
    fc.assert(
      fc.property(fc.nat(samples.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, steps) => {
        frontHalf(mutate(samples[i], steps));
      }),
      { numRuns: 500 },
    );
  });
});

describe('fuzzing the expression compiler', () => {
  const ctx = { variables: new Set(['a', 'b', 'name', 'items']) };
  const exprLike = fc.stringMatching(/^[ab0-9 ._()[\]"'\\+\-*/%!=<>&|?:,]{0,30}$/);
  const calls = fc
    .tuple(
      fc.constantFrom(
        'len',
        'lower',
        'upper',
        'trim',
        'contains',
        'startsWith',
        'matches',
        'number',
        'string',
        'now',
        'date',
        'days',
        'hours',
        'minutes',
        'nope',
      ),
      exprLike,
      exprLike,
    )
    .map(([f, x, y]) => `${f}(${x}, ${y})`);

  it('compileExpr and compileText never throw, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), exprLike, calls), (src) => {
        for (const r of [compileExpr(src, ctx), compileText(src, ctx), compileText(`x {{${src}}} y`, ctx)]) {
          if (r.ok) expect(typeof r.js).toBe('string');
          else expect(r.error.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('compiled expressions never spell eval, Function, import or require, and never throw when run on any data', () => {
    fc.assert(
      fc.property(
        fc.oneof(exprLike, calls, fc.string()),
        fc.dictionary(fc.constantFrom('a', 'b', 'name', 'items'), fc.jsonValue()),
        (src, vars) => {
          const r = compileExpr(src, ctx);
          if (!r.ok) return;
          expect(r.js).not.toMatch(/eval|Function|import|require/);
          // Test-only evaluation; bundles never use the Function constructor.
          const fn = new Function('v', '$', `return ${r.js}`);
          expect(() => fn(vars, $)).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
