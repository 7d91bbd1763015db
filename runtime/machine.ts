import { createMachine, spawnChild } from 'xstate';
import type { Ctx, Env, Parts } from './types.ts';
import { base } from './base.ts';

/**
 * The input an invoked or spawned actor gets: node key, variables, due time and visit number;
 * rollback also gets the compensations and handoff the transcript. It is persisted with the child.
 */
const inputOf =
  (n: string, src: string) =>
  ({ context: c }: { context: Ctx }) => ({
    n,
    v: c.v,
    at: c.d[n],
    k: c.q[n],
    ...(src === 'rb' ? { c: c.c } : src === 'handoff' ? { t: c.t } : {}),
  });

/**
 * Replaces the JSON placeholders the compiler cannot express: invoke inputs become functions of
 * context, and `bg` actions become spawns of the `http` actor that outlive their state.
 */
// any: a walk over every shape in the JSON config (states, transitions, action refs), which compiler/contract.ts types
function wire(node: any): any {
  if (Array.isArray(node)) return node.map(wire);
  if (!node || typeof node !== 'object') return node;
  if (node.type === 'bg')
    return spawnChild('http', { id: 'bg:' + node.params.n, input: inputOf(node.params.n, 'http') as never });
  const out: Record<string, unknown> = {};
  for (const k in node) out[k] = k === 'input' && node.src ? inputOf(node.input.n, node.src) : wire(node[k]);
  return out;
}

/** Builds the XState machine from the bundle's spec and the node-type modules it carries. */
export function buildMachine(env: Env) {
  const parts: Parts[] = [base(env), ...env.spec.k.map((m) => m(env))];
  const pick = (k: keyof Parts) => Object.assign({}, ...parts.map((p) => p[k]));
  // createMachine with implementations, not setup(): setup() returns every action creator (raise, log,
  // emit, enqueueActions…), so using it ships them all, about 700 bytes gzip this runtime never calls.
  return createMachine(wire(env.spec.m), { actions: pick('a'), guards: pick('g'), actors: pick('s') });
}

/** The keys of the active leaf states: where the conversation is. */
export function leaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value) for (const k in value as object) leaves((value as Record<string, unknown>)[k], out);
  return out;
}
