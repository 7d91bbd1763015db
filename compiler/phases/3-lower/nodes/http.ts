import type { HttpNode } from '../../../model/types.ts';
import type { LowerContext } from '../context.ts';
import type { TextRef } from '../types.ts';
import type { HttpData } from '../../../contract.ts';
import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

const headerValue = (h: string | { value: string }) => (typeof h === 'string' ? h : h.value);

function headers(node: Pick<HttpNode, 'headers'>, cx: LowerContext) {
  if (!node.headers) return undefined;
  const out: Record<string, TextRef> = {};
  for (const [name, h] of Object.entries(node.headers)) out[name] = cx.text(headerValue(h));
  return out;
}

/**
 * A service task run from the browser. The `http` actor does timeout, retries and backoff itself;
 * its rejection is the incident, which goes to `onError` or to the shared failure state.
 */
export const lowerHttp: NodeLowerer<'http'> = (node, cx) => {
  const n = cx.key(node.id);
  const r = node.retry ?? {};
  const dur = (s: string | undefined, dflt: number) => (s ? (cx.duration(s) as number) : dflt);
  const data: HttpData = {
    y: 'http',
    m: node.method,
    u: cx.text(node.url),
    ...(node.headers ? { h: headers(node, cx) } : {}),
    ...(node.body !== undefined ? { b: cx.json(node.body) } : {}),
    to: dur(node.timeout, 10_000),
    rt: [r.max ?? 3, dur(r.backoff, 1000), r.factor ?? 2, dur(r.maxDelay, 30_000)],
    ...(node.save ? { s: node.save } : {}),
    ...(node.compensate
      ? {
          c: {
            m: node.compensate.method,
            u: cx.text(node.compensate.url),
            ...(node.compensate.body !== undefined ? { b: cx.json(node.compensate.body) } : {}),
          },
        }
      : {}),
  };
  const onError = { target: node.onError !== undefined ? cx.to(node.onError) : cx.fail(), actions: act('incident', n) };
  if (node.background) {
    return {
      state: { entry: [act('visit', n), act('bg', n)], always: cx.to(node.next) },
      data: { ...data, g: 1 },
      // The dialog has moved on; the result lands in variables whenever it arrives.
      rootOn: {
        ['ok:' + n]: { actions: act('saved', n) },
        ['no:' + n]: { actions: act('incident', n) },
      },
    };
  }
  return {
    state: {
      entry: act('visit', n),
      invoke: { id: 'i:' + n, src: 'http', input: { n } },
      on: { ['ok:' + n]: { target: cx.to(node.next), actions: act('saved', n) }, ['no:' + n]: onError },
    },
    data,
  };
};
