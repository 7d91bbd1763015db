import { describe, expect, test } from 'vitest';
import { buildBundle, readScenario, TRACKED_BOTS } from './bots.ts';
import { kb, measure } from './sizes.ts';

// Byte counts are deterministic, so a bundle that grows past its budget fails CI.
describe('bundle size budget', () => {
  for (const bot of TRACKED_BOTS.filter((b) => b.budget !== undefined)) {
    test(`the ${bot.name} bot (${bot.uses}) stays within ${kb(bot.budget!)} KB gzip`, async () => {
      const { gzip } = measure(await buildBundle(readScenario(bot.path)));
      expect(gzip, `${bot.path} compiles to ${gzip} bytes gzip`).toBeLessThanOrEqual(bot.budget!);
    });
  }
});
