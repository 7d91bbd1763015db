/** Test support: runs a scenario's machine in Node and reads what the visitor would see. */
import { createActor } from 'xstate';
import { machineFromScenario } from './machine-from-scenario.ts';
import { leaves } from '../machine.ts';
import type { Ctx } from '../types.ts';

// The harness is the runtime's one face to other packages' tests (docs/architecture.md): what they
// need of the runtime to walk a compiled machine comes through here, not from its modules.
export { leaves };
export type { ServerLink } from '../link.ts';
export { simClock, type SimClock } from './sim-clock.ts';

export function scenario(nodes: unknown[], extra: Record<string, unknown> = {}) {
  return { format: 'chatlet.scenario/1', name: 'T', start: (nodes[0] as { id: string }).id, nodes, ...extra };
}

export function drive(doc: unknown, opts: Parameters<typeof machineFromScenario>[1] & { snapshot?: unknown } = {}) {
  const bot = machineFromScenario(doc, opts);
  const actor = createActor(bot.machine, opts.snapshot ? { snapshot: opts.snapshot as any } : undefined);
  actor.start();
  const ctx = () => actor.getSnapshot().context as Ctx;
  return {
    bot,
    actor,
    /** the transcript as `who: text` lines */
    lines: () => ctx().t.map((e) => `${e.f}: ${e.x}`),
    vars: () => ctx().v,
    at: () => leaves(actor.getSnapshot().value),
    status: () => actor.getSnapshot().status,
    choose: (node: string, ...i: number[]) => actor.send({ type: 'c:' + node, i }),
    type: (node: string, x: string) => actor.send({ type: 'x:' + node, x }),
    event: (name: string, d?: unknown) => actor.send({ type: 'e:' + name, d }),
    persisted: () => JSON.parse(JSON.stringify(actor.getPersistedSnapshot())),
  };
}
