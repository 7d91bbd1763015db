import { assign } from 'xstate';
import type { NodeModule, On } from '../types.ts';
import { add } from '../base.ts';

/** Buttons. Event `c:<key>` carries option indexes; with `multiple`, the first chosen option's `next` wins. */
const choice: NodeModule<'choice'> = (R) => ({
  g: { opt: ({ event: e }, { i }) => Math.min(...(e as On<'c'>['event']).i) === i },
  a: {
    pick: assign(({ context: c, event: e }: On<'c'>, { n }: { n: string }) => {
      const d = R.N[n];
      const idx = e.i.filter((i) => d.o[i]).sort((a, b) => a - b);
      const vals = idx.map((i) => d.o[i].v);
      const v = d.r ? { ...c.v, [d.r]: d.m ? vals : vals[0] } : c.v;
      return { v, t: add(c, { f: 'u', x: idx.map((i) => R.tx(d.o[i].l, c.v)).join(', ') }) };
    }),
  },
});
export default choice;
