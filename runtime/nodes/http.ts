import { assign } from 'xstate';
import { task } from './task.ts';
import type { DataOf, Env, NodeModule, On, Txt, Vars } from '../types.ts';

/** Resolves a compiled JSON body: template strings become text with the current variables. */
function fill(R: Env, b: unknown, v: Vars): unknown {
  if (typeof b === 'function' || typeof b === 'string') return R.tx(b as Txt, v);
  if (Array.isArray(b)) return b.map((x) => fill(R, x, v));
  if (b && typeof b === 'object') {
    const o: Record<string, unknown> = {};
    for (const k in b) o[k] = fill(R, (b as Record<string, unknown>)[k], v);
    return o;
  }
  return b;
}

/** Reads `a.b[0].c` out of a response, own properties only. */
export function pathGet(o: unknown, path: string): unknown {
  for (const k of path.split(/[.[\]]+/).filter(Boolean))
    o = o != null && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined;
  return o;
}

/**
 * One service call with timeout, retries and exponential backoff. The `Idempotency-Key` is the
 * same for every attempt of one node visit, including attempts made again after a reload.
 */
export async function call(R: Env, d: DataOf<'http'>, v: Vars, key: string): Promise<unknown> {
  const [max, back, factor, cap] = d.rt || [3, 1000, 2, 30000];
  for (let a = 0; ; a++) {
    const ctl = new AbortController();
    const timer = R.c.setTimeout(() => ctl.abort(), d.to || 10000);
    try {
      const headers: Record<string, string> = { 'Idempotency-Key': key };
      for (const h in d.h || {}) headers[h] = R.tx(d.h![h], v);
      const init: RequestInit = { method: d.m, headers, signal: ctl.signal };
      if (d.b !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(fill(R, d.b, v));
      }
      const res = await R.f(R.tx(d.u, v), init);
      const text = await res.text();
      if (res.ok) {
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      }
      const err: Error & { final?: boolean } = new Error('HTTP ' + res.status);
      // A 4xx other than 408/429 is an answer that retrying cannot change.
      err.final = res.status < 500 && res.status !== 408 && res.status !== 429;
      throw err;
    } catch (err) {
      if ((err as { final?: boolean }).final || a >= max) throw err;
      await new Promise<void>((r) => R.c.setTimeout(r, Math.min(back * Math.pow(factor, a), cap)));
    } finally {
      R.c.clearTimeout(timer);
    }
  }
}

/** The idempotency key of a node visit: visitor, bot, node and visit number. */
export const visitKey = (R: Env, n: string, k: number) => `${R.vid}:${R.spec.id}:${n}:${k}`;

/** Service tasks. A done call saves mapped fields and records its compensation for rollback. */
const http: NodeModule<'http'> = (R) => ({
  s: { http: task(({ n, v, k }) => call(R, R.N[n], v, visitKey(R, n, k))) },
  a: {
    saved: assign(({ context: c, event: e }: On<'ok'>, { n }: { n: string }) => {
      const d = R.N[n];
      const v = { ...c.v };
      for (const name in d.s || {}) v[name] = pathGet(e.output, d.s![name]);
      // The compensation sees what this call saved: it undoes `orders/{{order_id}}`, not `orders/`.
      return d.c ? { v, c: c.c.concat({ n, v, k: visitKey(R, n, c.q[n]) }) } : { v };
    }),
  },
});
export default http;
