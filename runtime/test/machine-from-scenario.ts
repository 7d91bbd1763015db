/**
 * Test support: builds the runtime machine for a scenario in Node, without a browser or a
 * bundle. The lowered code (`{$js}` markers) is turned into functions with `new Function`,
 * which is fine here and never happens in a bundle.
 */
import { lowerScenario, toSource } from '../../compiler/index.ts';
import { $ } from '../expr-helpers.ts';
import { buildMachine } from '../machine.ts';
import { resolveText } from '../text.ts';
import { memoryStorage } from '../storage/memory-storage.ts';
import { net, serverLink } from '../link.ts';
import type { Clock } from '../clock.ts';
import { simClock } from './sim-clock.ts';
import type { Env, Net, ServerLink, Spec } from '../types.ts';

import { NODE_MODULES } from '../nodes/index.ts';

export interface TestBot {
  env: Env;
  spec: Spec;
  machine: ReturnType<typeof buildMachine>;
}

/**
 * Compiles a scenario's phases and builds its machine with the given clock, network, visitor and
 * server link. The clock is a simulated one unless given (time stands still until a test moves it);
 * `now` alone fixes the time read. The network is the real one unless given.
 */
export function machineFromScenario(
  doc: unknown,
  opts: {
    clock?: Clock;
    now?: () => number;
    net?: Net;
    vid?: string;
    link?: ServerLink;
    publicUrl?: string;
    langs?: string[];
    warn?: Env['warn'];
  } = {},
): TestBot {
  const { spec: lowered, diagnostics } = lowerScenario(doc);
  if (!lowered)
    throw new Error('scenario has errors: ' + JSON.stringify(diagnostics.filter((d) => d.severity === 'error')));
  const c = opts.clock ?? (opts.now ? { ...simClock(), now: opts.now } : simClock());
  // Expressions' now() reads the same clock as the timers.
  const helpers = { ...$, now: () => c.now() };
  const code = new Function('$', `return [${toSource(lowered.nodes)}, ${toSource(lowered.exprs)}]`)(helpers);
  const spec: Spec = {
    id: 'test-bot',
    u: opts.publicUrl ?? '',
    ...(opts.publicUrl || opts.link ? { lk: serverLink } : {}),
    h: 'test',
    s: lowered.settings,
    m: lowered.machine,
    n: code[0],
    x: code[1],
    k: lowered.uses.map((t) => NODE_MODULES[t]),
    ui: lowered.ui,
    css: '',
  };
  const langs = opts.langs ?? ['en'];
  const strings = Object.values(lowered.ui)[0] as Record<string, string>;
  const env: Env = {
    spec,
    N: spec.n,
    $: helpers,
    vid: opts.vid ?? 'visitor-1',
    c,
    f: opts.net ?? net,
    tx: (t, v) => resolveText(t, v, langs, spec.s.l),
    ui: (k) => strings[k] ?? k,
    st: memoryStorage(),
    link: opts.link,
    warn: opts.warn,
  };
  return { env, spec, machine: buildMachine(env) };
}
