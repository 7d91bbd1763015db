import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { check, compile } from '../index.ts';

const dir = new URL('../samples/valid/', import.meta.url);
const samples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));

/** A mutation of a valid scenario: one field of one node replaced, removed, or the node duplicated. */
const mutated = fc
  .record({
    sample: fc.constantFrom(...samples),
    node: fc.nat(),
    field: fc.constantFrom(
      'next',
      'type',
      'id',
      'text',
      'options',
      'branches',
      'when',
      'duration',
      'code',
      'url',
      'join',
      'else',
      'assign',
      'events',
      'var',
      'input',
    ),
    value: fc.oneof(
      fc.anything(),
      fc.string(),
      fc.constantFrom('{{', '}}', 'a +', 'PT-1S', '#x.y', '__proto__', 'end', 'hello'),
    ),
    action: fc.constantFrom('set', 'delete', 'duplicate'),
  })
  .map(({ sample, node, field, value, action }) => {
    const doc = structuredClone(sample);
    const target = doc.nodes[node % doc.nodes.length];
    if (action === 'set') target[field] = value;
    else if (action === 'delete') delete target[field];
    else doc.nodes.push(structuredClone(target));
    return doc;
  });

describe('compile never throws on malformed documents', () => {
  it('answers random JSON values with diagnostics', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const r = check(doc);
        expect(Array.isArray(r.diagnostics)).toBe(true);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('answers mutated valid scenarios with diagnostics or a machine, never an exception', () => {
    fc.assert(
      fc.property(mutated, (doc) => {
        const r = check(doc);
        expect(Array.isArray(r.diagnostics)).toBe(true);
        if (r.ok) expect(r.machine).toBeDefined();
        else expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        expect(r.diagnostics.map((d) => d.code)).not.toContain('internal.error');
      }),
      { numRuns: 400 },
    );
  });

  it('bundles whatever passes validation, or says why not', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (doc) => {
        const r = await compile(doc, { botId: 'fuzz' });
        expect(r.diagnostics.map((d) => d.code)).not.toContain('internal.error');
        expect(r.ok).toBe(r.bundle !== undefined);
      }),
      { numRuns: 20 },
    );
    // Each new runtime variant is bundled and minified once (about a second), so this test gets time.
  }, 180_000);
});
