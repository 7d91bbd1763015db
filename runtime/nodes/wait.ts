import { assign } from 'xstate';
import type { NodeModule, On } from '../types.ts';

/** Copies plain data only: no prototype keys from a page event can reach the variables. */
export function plain(data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const k of Object.keys(data))
      if (k !== '__proto__' && k !== 'constructor' && k !== 'prototype') out[k] = (data as Record<string, unknown>)[k];
  }
  return out;
}

/** Waits for page events (`e:<name>`); the event's data merges into variables. Timeout via `delay`. */
const wait: NodeModule<'wait'> = () => ({
  a: { merge: assign(({ context: c, event: e }: On<'e'>) => ({ v: { ...c.v, ...plain(e.d) } })) },
});
export default wait;
