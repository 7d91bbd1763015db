import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idOfStateKey, stateKey } from './keys.ts';

describe('state keys', () => {
  it('give back the node id they were made from, whatever characters it has', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (id) => idOfStateKey(stateKey(id)) === id));
    expect(stateKey('step 1.b#x~/y\\z')).toBe('step 1~2eb~23x~7e~2fy~5cz');
    expect(idOfStateKey('step 1~2eb~23x~7e~2fy~5cz')).toBe('step 1.b#x~/y\\z');
  });
});
