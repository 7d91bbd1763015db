import { gzipSync } from 'node:zlib';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { ResultTuple } from '../rest/index.ts';
import type { Report } from '../runtime/results.ts';
import { buildBundle, readScenario } from './bots.ts';

// What opting in to results costs a bundle, measured on two bots as published: each compiled with
// and without settings.results (no consent: that is its own module), everything else equal. The
// variant adds runtime/results.ts (its own visitor session, not the ~600 B server link): about
// 697 B on message/choice/input and 610 B on full-featured (docs/performance.md says where the
// bytes are). The goal is 700 B, and the budget holds it.
const BUDGET = 700;
const gz = (s: string) => gzipSync(Buffer.from(s), { level: 9 }).length;

const BOTS: { name: string; path: string; collect: string[] }[] = [
  { name: 'message/choice/input', path: 'bench/scenarios/message-choice-input.json', collect: ['name', 'topic'] },
  { name: 'full-featured', path: 'compiler/samples/valid/full-featured.json', collect: ['name', 'email'] },
];

describe('the results variant', () => {
  test('sends the report the server reads: the runtime restates rest/ResultTuple, which it cannot import', () => {
    expectTypeOf<Report>().toEqualTypeOf<ResultTuple>();
  });

  for (const bot of BOTS) {
    test(`adds at most ${BUDGET} B gzip to the ${bot.name} bot`, async () => {
      const doc = readScenario(bot.path) as { settings?: Record<string, unknown> };
      const without = await buildBundle(doc);
      const withResults = await buildBundle({
        ...doc,
        settings: { ...doc.settings, results: { collect: bot.collect } },
      });
      // Booleans, so that a failure prints the marker and not a whole bundle.
      expect([withResults.includes('results?token='), without.includes('results?token=')]).toEqual([true, false]);
      const added = gz(withResults) - gz(without);
      console.log(`${bot.name}: ${gz(without)} B gzip, ${gz(withResults)} B with results (+${added} B)`);
      expect(added).toBeLessThanOrEqual(BUDGET);
    });
  }
});
