import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { getAdjacencyMap } from '@xstate/graph';
import { machineFromScenario } from './test/machine-from-scenario.ts';
import { leaves } from './machine.ts';

const samplesDir = new URL('../compiler/samples/valid/', import.meta.url);
const samples = [
  ...(existsSync(samplesDir) ? readdirSync(samplesDir) : [])
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, doc: JSON.parse(readFileSync(new URL(f, samplesDir), 'utf8')) })),
  {
    name: 'demo/scenario.json',
    doc: JSON.parse(readFileSync(new URL('../demo/scenario.json', import.meta.url), 'utf8')),
  },
];

/** Every event a visitor, the page, the clock or a service could produce in a state. */
function eventsFor(bot: ReturnType<typeof machineFromScenario>, snap: any, doc: any): any[] {
  const out: any[] = [];
  const byKey = bot.spec.n;
  for (const n of leaves(snap.value)) {
    const d: any = byKey[n];
    if (!d) continue;
    const node = doc.nodes.find((x: any) => x.id === n);
    if (d.y === 'choice') d.o.forEach((_: unknown, i: number) => out.push({ type: 'c:' + n, i: [i] }));
    if (d.y === 'input') out.push({ type: 'x:' + n, x: sampleInput(d) }, { type: 'x:' + n, x: '' });
    if (d.y === 'intent') {
      d.I.forEach((ex: string[]) => ex[0] && out.push({ type: 'x:' + n, x: ex[0] }));
      out.push({ type: 'x:' + n, x: 'zzzz qqqq' });
    }
    if (d.y === 'delay' || d.y === 'wait') out.push({ type: 't:' + n });
    if (d.y === 'wait') for (const ev of node.events) out.push({ type: 'e:' + ev.event, d: {} });
    if (['http', 'script', 'rollback'].includes(d.y))
      out.push({ type: 'ok:' + n, output: {} }, { type: 'no:' + n, error: new Error('down') });
    if (d.y === 'handoff')
      out.push({ type: 'h:done', outcome: 'resolved', id: 'h1' }, { type: 'h:timeout' }, { type: 'h:msg', text: 'hi' });
  }
  return out;
}

function sampleInput(d: any): string {
  return (
    {
      email: 'ann@example.com',
      phone: '+380 44 123 4567',
      number: String(d.lo ?? 1),
      date: '2026-12-01',
      url: 'https://example.com',
    }[d.k as string] ?? (d.k === 'regex' ? '' : 'Ann')
  );
}

describe('every lowered sample machine', () => {
  for (const { name, doc } of samples) {
    it(`${name}: from every reachable state some path reaches the end`, () => {
      const bot = machineFromScenario(doc, { now: () => 0 });
      const adj: Record<string, { state: any; transitions: Record<string, { state: any }> }> = getAdjacencyMap(
        bot.machine,
        {
          events: (s: any) => eventsFor(bot, s, doc),
          serializeState: (s: any) => JSON.stringify([s.value, s.status]),
          limit: 20_000,
        } as any,
      ) as any;
      const keys = Object.keys(adj);
      const done = new Set(keys.filter((k) => (adj[k].state as any).status === 'done'));
      expect(done.size).toBeGreaterThan(0);
      // Walk backwards from the final states: every state must be able to finish.
      const preds = new Map<string, string[]>();
      for (const k of keys) {
        for (const t of Object.values(adj[k].transitions)) {
          const to = JSON.stringify([(t.state as any).value, (t.state as any).status]);
          preds.set(to, [...(preds.get(to) ?? []), k]);
        }
      }
      const canFinish = new Set(done);
      const queue = [...done];
      while (queue.length)
        for (const p of preds.get(queue.pop()!) ?? []) if (!canFinish.has(p)) (canFinish.add(p), queue.push(p));
      const stuck = keys.filter((k) => !canFinish.has(k));
      expect(stuck).toEqual([]);
    });
  }
});
