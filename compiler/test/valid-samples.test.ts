import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../model/types.ts';
import { parse } from '../phases/1-parse/index.ts';
import { analyze } from '../phases/2-analyze/index.ts';

const dir = join(import.meta.dirname, '../samples/valid');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function load(file: string) {
  const parsed = parse(readFileSync(join(dir, file), 'utf8'));
  expect(parsed.scenario).toBeDefined();
  const analyzed = analyze(parsed.scenario!);
  return {
    scenario: parsed.scenario!,
    analysis: analyzed.analysis,
    diagnostics: [...parsed.diagnostics, ...analyzed.diagnostics],
  };
}

describe('valid sample scenarios', () => {
  it('there are at least six samples besides full-featured.json', () => {
    expect(files.filter((f) => f !== 'full-featured.json').length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files) {
    it(`${file} has no errors and no warnings, and every node is reachable`, () => {
      const { scenario, analysis, diagnostics } = load(file);
      expect(diagnostics).toEqual([]);
      expect(analysis.reachable.size).toBe(scenario.nodes.length);
    });

    it(`${file}: from every node an end node can still be reached`, () => {
      const { scenario, analysis } = load(file);
      const reachesEnd = new Set(scenario.nodes.filter((n) => n.type === 'end').map((n) => n.id));
      // Walk backwards from the ends until nothing changes; a small graph, so simple is fine.
      for (let changed = true; changed;) {
        changed = false;
        for (const node of scenario.nodes) {
          if (reachesEnd.has(node.id)) continue;
          const json = JSON.stringify(node);
          if ([...reachesEnd].some((id) => json.includes(`"${id}"`))) {
            reachesEnd.add(node.id);
            changed = true;
          }
        }
      }
      expect([...analysis.reachable].filter((id) => !reachesEnd.has(id))).toEqual([]);
    });
  }

  it('full-featured.json uses every node type, all reachable', () => {
    const { analysis } = load('full-featured.json');
    expect([...analysis.nodeTypes].sort()).toEqual([...NODE_TYPES].sort());
  });
});
