import { describe, expect, test } from 'vitest';
import { readScenario, TRACKED_BOTS } from './bots.ts';
import { kb } from './sizes.ts';
import { formatReport, sizeReport } from './size-report.ts';

// Byte counts are deterministic, so a bundle that grows past its budget fails CI. Each bundle's
// size report (bench/size-report.ts) is printed to the log, so a regression names the module it came from.
describe('bundle size budget', () => {
  for (const bot of TRACKED_BOTS.filter((b) => b.budget !== undefined)) {
    test(`the ${bot.name} bot (${bot.uses}) stays within ${kb(bot.budget!)} KB gzip`, async () => {
      const report = await sizeReport(bot.name, readScenario(bot.path));
      const table = formatReport(report);
      console.log(table);
      expect(
        report.gzip,
        `${bot.path} compiles to ${report.gzip} bytes gzip; by module:\n${table}\n`,
      ).toBeLessThanOrEqual(bot.budget!);
    });
  }
});
