import { assign } from 'xstate';
import type { Ctx, NodeModule } from '../types.ts';
import { add } from '../base.ts';

/** Buttons. Event `c:<key>` carries option indexes; with `multiple`, the first chosen option's `next` wins. */
const choice: NodeModule = (R) => ({
  g: { opt: ({ event: e }: any, { i }: any) => Math.min(...e.i) === i },
  a: {
    pick: assign(({ context: c, event: e }: { context: Ctx; event: any }, { n }: { n: string }) => {
      const d = R.N[n];
      const idx: number[] = e.i.filter((i: number) => d.o[i]).sort((a: number, b: number) => a - b);
      const vals = idx.map((i) => d.o[i].v);
      const v = d.r ? { ...c.v, [d.r]: d.m ? vals : vals[0] } : c.v;
      return { v, t: add(c, { f: 'u', x: idx.map((i) => R.tx(d.o[i].l, c.v)).join(', ') }) };
    }),
  },
});
export default choice;
