import { describe, expect, it } from 'vitest';
import { parseReport } from './results-schemas.ts';

// The report body as bundles send it (rest/results.ts, ResultTuple) and as older bundles sent it (an object).
const tuple = (path: string[]) => [
  'r4f9c2a1b7e8d3c6a5b4e2f1',
  3,
  '055bea5727c61937',
  Date.now() - 60_000,
  path,
  { email: 'ann@example.com' },
  true,
  false,
];

describe('a result report body', () => {
  it('is read from the tuple the runtime sends, with node ids back from their state keys', () => {
    // The compiler's state key of this id: `.`, `#`, `~`, `/` and `\` as `~` and two hex digits.
    const odd = 'step 1.b#x~/y\\z';
    const report = parseReport(JSON.stringify(tuple(['welcome', 'step 1~2eb~23x~7e~2fy~5cz', 'thanks'])));
    expect(report).toMatchObject({
      id: 'r4f9c2a1b7e8d3c6a5b4e2f1',
      seq: 3,
      scenario: '055bea5727c61937',
      path: ['welcome', odd, 'thanks'],
      variables: { email: 'ann@example.com' },
      completed: true,
      handoff: false,
    });
  });

  it('leaves out of the path the states the compiler made inside a node', () => {
    expect(parseReport(JSON.stringify(tuple(['split', 'split/j0', 'done']))).path).toEqual(['split', 'done']);
  });

  it('is still taken as the object that bundles built before the tuple send', () => {
    const [id, seq, scenario, startedAt, path, variables, completed, handoff] = tuple(['welcome']);
    const report = { id, seq, scenario, startedAt, path, variables, completed, handoff };
    expect(parseReport(JSON.stringify(report))).toEqual(report);
  });

  it('is refused with results.bad_report when a field of the tuple is wrong', () => {
    const bad = tuple(['welcome']);
    bad[6] = 'yes';
    expect(() => parseReport(JSON.stringify(bad))).toThrow(expect.objectContaining({ code: 'results.bad_report' }));
  });
});
