import { assign } from 'xstate';
import type { Ctx, Env, Entry, On, Txt } from './types.ts';

/** Appends transcript entries; the transcript lives in context so one snapshot holds everything. */
export const add = (c: Ctx, ...e: Entry[]) => c.t.concat(e);

/** Implementations every bundle needs, whatever node types it uses. */
export function base(R: Env) {
  // `say` is wired only to nodes that have a text, and only a message has an image.
  const N = R.N as Record<string, { t?: Txt; i?: string; y: string }>;
  return {
    a: {
      say: assign(({ context: c }: { context: Ctx }, { n }: { n: string }) => ({
        t: add(c, N[n].i ? { f: 'b', x: R.tx(N[n].t, c.v), i: N[n].i } : { f: 'b', x: R.tx(N[n].t, c.v) }),
      })),
      visit: assign(({ context: c }: { context: Ctx }, { n }: { n: string }) => ({
        k: c.k + 1,
        q: { ...c.q, [n]: c.k + 1 },
      })),
      incident: assign(({ context: c, event: e }: On<'no'>, { n }: { n: string }) => ({
        // A task may reject with anything: an Error's message, else the value itself.
        e: c.e.concat({
          n,
          c: N[n].y + '.failed',
          m: String((e.error && (e.error as Error).message) || e.error || 'failed'),
        }),
      })),
      oops: assign(({ context: c }: { context: Ctx }) => ({ t: add(c, { f: 'b', x: R.ui('oops') }) })),
    },
  };
}
