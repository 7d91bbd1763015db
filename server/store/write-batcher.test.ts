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
  /** Lets the batcher start what is waiting (it writes at the end of the event loop's turn). */
  const turn = () => new Promise((r) => setImmediate(r));
  /** Lets the oldest statement finish, then lets the batcher start the next. */
  const finish = async () => {
    pending.shift()!();
    await turn();
    await turn();
  };
  return { batcher, batches, finish, turn };
}

describe('WriteBatcher', () => {
  it('writes what arrived in one turn of the event loop together, and what arrives meanwhile in the next statement', async () => {
    const { batcher, batches, finish, turn } = recorder();
    const outcomes = ['a', 'b'].map((i) => batcher.write(i));
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toEqual([['a', 'b']]);
    outcomes.push(...['c', 'd', 'e'].map((i) => batcher.write(i)));
    await turn();
    // One statement at a time: the next waits for the first.
    expect(batches).toEqual([['a', 'b']]);
    await finish();
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    await finish();
    expect(await Promise.all(outcomes)).toEqual(['ok a', 'ok b', 'ok c', 'ok d', 'ok e']);
  });

  it('never puts two writes of one key in a statement, keeps their order, and caps a batch', async () => {
    const { batcher, batches, finish, turn } = recorder();
    const outcomes = ['x:0', 'x:1', 'y:1', 'x:2', 'z', 'w', 'v'].map((i) => batcher.write(i));
    await turn();
    await finish();
    await finish();
    await finish();
    expect(batches).toEqual([['x:0', 'y:1', 'z'], ['x:1', 'w', 'v'], ['x:2']]);
    expect(await Promise.all(outcomes)).toHaveLength(7);
  });

  it('fails only the write that broke a statement: the others are written again one by one', async () => {
    const { batcher, batches, finish, turn } = recorder({ failWhen: (i) => i === 'bad' });
    const first = batcher.write('first');
    await turn();
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
