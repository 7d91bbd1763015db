/**
 * Test support: builds the runtime machine for a scenario in Node, without a browser or a
 * bundle. The lowered code (`{$js}` markers) is turned into functions with `new Function`,
 * which is fine here and never happens in a bundle.
 */
import { parse } from '../../compiler/phases/1-parse/index.ts';
import { analyze } from '../../compiler/phases/2-analyze/index.ts';
import { lower } from '../../compiler/phases/3-lower/index.ts';
import { lowerSettings } from '../../compiler/phases/3-lower/settings.ts';
import { toSource } from '../../compiler/phases/4-emit/serialize.ts';
import { $ } from '../expr-helpers.ts';
import { buildMachine } from '../machine.ts';
import { resolveText } from '../text.ts';
import { memoryStorage } from '../storage/memory-storage.ts';
import { net, serverLink } from '../link.ts';
import type { Clock } from '../clock.ts';
import { simClock } from './sim-clock.ts';
import type { Env, Net, NodeModule, ServerLink, Spec } from '../types.ts';

import message from '../nodes/message.ts';
import choice from '../nodes/choice.ts';
import input from '../nodes/input.ts';
import intent from '../nodes/intent.ts';
import condition from '../nodes/condition.ts';
import set from '../nodes/set.ts';
import http from '../nodes/http.ts';
import delay from '../nodes/delay.ts';
import wait from '../nodes/wait.ts';
import parallel from '../nodes/parallel.ts';
import join from '../nodes/join.ts';
import split from '../nodes/split.ts';
import handoff from '../nodes/handoff.ts';
import script from '../nodes/script.ts';
import checkpoint from '../nodes/checkpoint.ts';
import rollback from '../nodes/rollback.ts';
import end from '../nodes/end.ts';

const modules: Record<string, NodeModule> = {
  message,
  choice,
  input,
  intent,
  condition,
  set,
  http,
  delay,
  wait,
  parallel,
  join,
  split,
  handoff,
  script,
  checkpoint,
  rollback,
  end,
};

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
  const parsed = parse(doc);
  if (!parsed.scenario) throw new Error('unusable scenario: ' + JSON.stringify(parsed.diagnostics));
  const { analysis, diagnostics } = analyze(parsed.scenario);
  const errors = [...parsed.diagnostics, ...diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) throw new Error('scenario has errors: ' + JSON.stringify(errors));
  const lowered = lower(parsed.scenario, analysis);
  const c = opts.clock ?? (opts.now ? { ...simClock(), now: opts.now } : simClock());
  // Expressions' now() reads the same clock as the timers.
  const helpers = { ...$, now: () => c.now() };
  const code = new Function('$', `return [${toSource(lowered.nodes)}, ${toSource(lowered.exprs)}]`)(helpers);
  const spec: Spec = {
    id: 'test-bot',
    u: opts.publicUrl ?? '',
    ...(opts.publicUrl || opts.link ? { lk: serverLink } : {}),
    h: 'test',
    s: lowerSettings(parsed.scenario),
    m: lowered.machine,
    n: code[0],
    x: code[1],
    k: lowered.uses.map((t) => modules[t]),
    ui: lowered.ui as Spec['ui'],
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
