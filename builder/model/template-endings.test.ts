import { describe, expect, it, vi } from 'vitest';
import { getShortestPaths } from '@xstate/graph';
import { drive, leaves, type ServerLink } from '../../runtime/test/drive.ts';
import { machineFromScenario } from '../../runtime/test/machine-from-scenario.ts';
import { TEMPLATES } from './templates.ts';

/**
 * Every ending of every starter template can be reached: a template whose condition can never hold (the
 * support template once tested for an outcome the console never sends) leaves an end node unreachable.
 * The paths are found on the compiled machine, then replayed on a running one as a visitor would take them.
 */

/** What a visitor, the clock or a manager can do in a state; handoff outcomes are the console's two. */
function eventsFor(bot: ReturnType<typeof machineFromScenario>, snap: any, doc: any): any[] {
  const out: any[] = [];
  for (const n of leaves(snap.value)) {
    const d: any = bot.spec.n[n];
    if (!d) continue;
    if (d.y === 'choice') d.o.forEach((_: unknown, i: number) => out.push({ type: 'c:' + n, i: [i] }));
    if (d.y === 'input')
      out.push({
        type: 'x:' + n,
        x: { email: 'ann@example.com', number: '5', date: '2026-12-01' }[d.k as string] ?? 'Ann',
      });
    if (d.y === 'intent') {
      d.I.forEach((examples: string[]) => examples[0] && out.push({ type: 'x:' + n, x: examples[0] }));
      out.push({ type: 'x:' + n, x: 'zzzz qqqq' });
    }
    if (d.y === 'delay' || d.y === 'wait') out.push({ type: 't:' + n });
    if (d.y === 'wait')
      for (const ev of doc.nodes.find((x: any) => x.id === n).events) out.push({ type: 'e:' + ev.event, d: {} });
    if (d.y === 'handoff') {
      out.push(
        { type: 'h:done', outcome: 'resolved', id: 'h1' },
        { type: 'h:done', outcome: 'unresolved', id: 'h1' },
        { type: 'h:timeout' },
      );
    }
  }
  return out;
}

/** A server that takes the handoff and never answers by itself: the test sends the manager's events. */
const quietServer: ServerLink = { call: () => new Promise(() => undefined), on: () => () => undefined };

describe('starter templates', () => {
  for (const template of TEMPLATES) {
    const doc = template.make();
    const ends = doc.nodes.filter((n) => n.type === 'end');

    it(`${template.title}: a visitor can reach every ending (${ends.map((n) => n.id).join(', ')})`, () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const bot = machineFromScenario(doc, { now: () => 0 });
        const paths = getShortestPaths(bot.machine, {
          events: (s: any) => eventsFor(bot, s, doc),
          serializeState: (s: any) => JSON.stringify([s.value, s.status, (s.context as any).v]),
          limit: 20_000,
        } as any);
        for (const end of ends) {
          const path = paths.find((p: any) => leaves(p.state.value).includes(end.id));
          expect(path, `no path reaches the ending "${end.id}"`).toBeDefined();
          // Replayed on a running machine, the visitor ends there and reads its last words.
          const run = drive(doc, { now: () => 0, link: quietServer });
          for (const step of path!.steps) run.actor.send(step.event as any);
          expect(run.at()).toContain(end.id);
          const words = (end as { text?: string }).text;
          if (words)
            expect(
              run
                .lines()
                .at(-1)
                ?.startsWith('b: ' + words.replace(/\{\{.*$/, '')),
            ).toBe(true);
        }
      } finally {
        vi.useRealTimers();
      }
    });
  }
});
