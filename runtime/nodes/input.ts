import { assign } from 'xstate';
import type { DataOf, NodeModule, On } from '../types.ts';
import { add } from '../base.ts';

const RX: Record<string, RegExp> = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/,
  phone: /^\+?[\d\s().-]{6,20}$/,
  url: /^https?:\/\/[^\s/$.?#][^\s]*$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

/** The stored value for valid input, or undefined when the input is invalid. */
export function accept(d: Pick<DataOf<'input'>, 'k' | 'lo' | 'hi' | 'x'>, raw: string): unknown {
  const x = String(raw).trim();
  const k = d.k;
  if (!x) return;
  const inRange = (n: number) => !((d.lo != null && n < d.lo) || (d.hi != null && n > d.hi));
  if (k === 'number') {
    const n = Number(x.replace(',', '.'));
    return isFinite(n) && inRange(n) ? n : undefined;
  }
  if (k === 'regex') return new RegExp('^(?:' + d.x + ')$').test(x) ? x : undefined;
  // Date.parse takes 2026-02-31 as 3 March: a real date is one that reads back the same.
  if (k === 'date' && !(RX.date.test(x) && new Date(Date.parse(x) || 0).toISOString().startsWith(x))) return;
  if (RX[k] && !RX[k].test(x)) return;
  if (k === 'phone' && x.replace(/\D/g, '').length < 6) return;
  return k === 'text' && !inRange(x.length) ? undefined : x;
}

/** Free text with validation in the browser; invalid input is answered with `retryText` and asked again. */
const input: NodeModule<'input'> = (R) => ({
  g: { valid: ({ event: e }, { n }) => accept(R.N[n], (e as On<'x'>['event']).x) !== undefined },
  a: {
    take: assign(({ context: c, event: e }: On<'x'>, { n }: { n: string }) => ({
      v: { ...c.v, [R.N[n].r]: accept(R.N[n], e.x) },
      t: add(c, { f: 'u', x: String(e.x).trim() }),
    })),
    retry: assign(({ context: c, event: e }: On<'x'>, { n }: { n: string }) => ({
      t: add(c, { f: 'u', x: String(e.x) }, { f: 'b', x: R.N[n].e ? R.tx(R.N[n].e, c.v) : R.ui('retry') }),
    })),
  },
});
export default input;
