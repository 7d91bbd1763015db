import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../diagnostics/catalogue.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import { importBpmn } from '../phases/1-parse/bpmn/index.ts';
import { frontHalf } from './run-front.ts';

/**
 * Each folder in compiler/samples/diagnostics holds scenario.json (read as text, so a sample may be
 * broken JSON) and expected.json: `codes`, the exact set of codes reported, and optionally `match`,
 * diagnostics whose listed fields must each equal those of some reported diagnostic. A folder with
 * scenario.bpmn instead is imported first: its codes are the import's plus those of the result.
 * FILTER=name runs only the samples whose folder name contains `name`.
 */

const root = join(import.meta.dirname, '../samples/diagnostics');
const filter = process.env.FILTER;
const samples = readdirSync(root).filter((name) => !filter || name.includes(filter));

// Produced after analyze (by emit or by a compiler bug), so no parse+analyze sample can show them.
const LATER_PHASE_CODES = new Set(['emit.failed', 'internal.error']);

interface Expected {
  codes: string[];
  match?: Partial<Diagnostic>[];
}

async function importedFrontHalf(xml: string): Promise<Diagnostic[]> {
  const imported = await importBpmn(xml);
  return imported.scenario ? [...imported.diagnostics, ...frontHalf(imported.scenario)] : imported.diagnostics;
}

describe('diagnostic samples', () => {
  for (const name of samples) {
    it(`${name} reports exactly its expected codes`, async () => {
      const dir = join(root, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const diagnostics = existsSync(join(dir, 'scenario.bpmn'))
        ? await importedFrontHalf(readFileSync(join(dir, 'scenario.bpmn'), 'utf8'))
        : frontHalf(readFileSync(join(dir, 'scenario.json'), 'utf8'));
      expect([...new Set(diagnostics.map((x) => x.code))].sort()).toEqual([...expected.codes].sort());
      for (const want of expected.match ?? []) {
        expect(diagnostics).toContainEqual(expect.objectContaining(want));
      }
      for (const x of diagnostics) {
        if (x.nodeId !== undefined) expect(x.message).toContain(`"${x.nodeId}"`);
      }
    });
  }

  it.skipIf(!!filter)('every diagnostic code that parse or analyze can report has a sample', () => {
    const shown = new Set<string>();
    for (const name of samples) {
      const file = join(root, name, 'expected.json');
      if (existsSync(file))
        for (const code of (JSON.parse(readFileSync(file, 'utf8')) as Expected).codes) shown.add(code);
    }
    const missing = DIAGNOSTIC_CODES.filter((code) => !shown.has(code) && !LATER_PHASE_CODES.has(code));
    expect(missing).toEqual([]);
  });
});
