import { describe, expect, it } from 'vitest';
import { WriteBatcher } from './write-batcher.ts';

/** A database stand-in that records each statement's batch and answers when told to. */
function recorder(options: { failWhen?: (item: string) => boolean } = {}) {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const batcher = new WriteBatcher<string, string>({
    writeMany: (items) =>
      new Promise((resolve, reject) => {
        batches.push(items);
        pending.push(() =>
          items.some((i) => options.failWhen?.(i))
            ? reject(new Error('bad row'))
            : resolve(items.map((i) => `ok ${i}`)),
        );
      }),
    key: (item) => item.split(':')[0]!,
    maxBatch: 3,
    maxInFlight: 1,
  });
  /** Lets the oldest statement finish, then lets the batcher start the next. */
  const finish = async () => {
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { batcher, batches, finish };
}

describe('WriteBatcher', () => {
  it('writes the first item at once, and the items that arrive meanwhile together in the next statement', async () => {
    const { batcher, batches, finish } = recorder();
    const outcomes = ['a', 'b', 'c', 'd'].map((i) => batcher.write(i));
    expect(batches).toEqual([['a']]);
    await finish();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await finish();
    expect(await Promise.all(outcomes)).toEqual(['ok a', 'ok b', 'ok c', 'ok d']);
  });

  it('never puts two writes of one key in a statement, keeps their order, and caps a batch', async () => {
    const { batcher, batches, finish } = recorder();
    const outcomes = ['x:0', 'x:1', 'y:1', 'x:2', 'z', 'w', 'v'].map((i) => batcher.write(i));
    await finish();
    await finish();
    await finish();
    expect(batches).toEqual([['x:0'], ['x:1', 'y:1', 'z'], ['x:2', 'w', 'v']]);
    expect(await Promise.all(outcomes)).toHaveLength(7);
  });

  it('fails only the write that broke a statement: the others are written again one by one', async () => {
    const { batcher, batches, finish } = recorder({ failWhen: (i) => i === 'bad' });
    const first = batcher.write('first');
    const rest = Promise.allSettled(['one', 'bad', 'two'].map((i) => batcher.write(i)));
    await finish();
    await first;
    // The batch of three fails, then each of its items is written again alone.
    await finish();
    await finish();
    await finish();
    await finish();
    expect(batches.slice(1)).toEqual([['one', 'bad', 'two'], ['one'], ['bad'], ['two']]);
    const settled = await rest;
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
      'ok one',
      'bad row',
      'ok two',
    ]);
  });
});
