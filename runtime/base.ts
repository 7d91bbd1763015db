import { assign } from 'xstate';
import type { Ctx, Env, Entry } from './types.ts';

/** Appends transcript entries; the transcript lives in context so one snapshot holds everything. */
export const add = (c: Ctx, ...e: Entry[]) => c.t.concat(e);

/** Implementations every bundle needs, whatever node types it uses. */
export function base(R: Env) {
  const { N } = R;
  return {
    a: {
      say: assign(({ context: c }: { context: Ctx }, { n }: { n: string }) => ({
        t: add(c, N[n].i ? { f: 'b', x: R.tx(N[n].t, c.v), i: N[n].i } : { f: 'b', x: R.tx(N[n].t, c.v) }),
      })),
      visit: assign(({ context: c }: { context: Ctx }, { n }: { n: string }) => ({
        k: c.k + 1,
        q: { ...c.q, [n]: c.k + 1 },
      })),
      incident: assign(({ context: c, event: e }: { context: Ctx; event: any }, { n }: { n: string }) => ({
        e: c.e.concat({ n, c: N[n].y + '.failed', m: String((e.error && e.error.message) || e.error || 'failed') }),
      })),
      oops: assign(({ context: c }: { context: Ctx }) => ({ t: add(c, { f: 'b', x: R.ui('oops') }) })),
    },
  };
}
