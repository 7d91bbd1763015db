import { assign, fromCallback, sendTo } from 'xstate';
import type { ActorInput, Ctx, DataOf, Entry, EventOf, NodeModule, On } from '../types.ts';
import { add } from '../base.ts';
import { plain } from './wait.ts';
import { arm } from './delay.ts';

const FROM: Record<Entry['f'], string> = { b: 'bot', u: 'visitor', m: 'manager', s: 'system' };

/**
 * Handoff to a human manager (docs/visitor-protocol.md). The actor creates the task with the
 * transcript and variables, relays the manager's events from the server's stream, and forwards
 * the visitor's messages. No server, or nobody in time: `h:timeout`, and the bot carries on.
 */
const handoff: NodeModule<'handoff' | 'choice'> = (R) => ({
  s: {
    handoff: fromCallback<EventOf<'x'>, ActorInput & { t: Entry[] }>(
      ({ input: { n, v, t, at, k }, sendBack, receive }) => {
        const out = () => sendBack({ type: 'h:timeout' });
        const lk = R.spec.lk && (R.link || (R.link = R.spec.lk(R)));
        if (!lk) return out();
        let id: string | undefined;
        let un: (() => void) | undefined;
        lk.call('POST', '/handoffs', {
          handoffKey: n + '@' + k,
          queue: (R.N[n] as DataOf<'handoff'>).q,
          timeoutAt: at || null,
          transcript: t.map((e) => ({ from: FROM[e.f], text: e.x })),
          variables: v,
        }).then((h) => {
          id = h.id;
          un = lk.on('h:' + id, (e) => sendBack({ ...e, id }));
        }, out);
        receive((e) => id && lk.call('POST', '/handoffs/' + id + '/messages', { text: e.x }).catch(() => 0));
        // The server times the task out too; this covers a server that went away meanwhile.
        const off = at ? arm(R.c, at + 5000, out) : () => 0;
        return () => (off(), un && un());
      },
    ),
  },
  a: {
    hjoin: assign(({ context: c, event: e }: On<'h:joined'>) => ({
      t: add(c, { f: 's', x: R.ui('joined').replace('%s', e.name || '') }),
    })),
    hmsg: assign(({ context: c, event: e }: On<'h:msg'>) => ({
      t: add(c, { f: 'm', x: String(e.text) }),
    })),
    hsay: assign(({ context: c, event: e }: On<'x'>) => ({
      t: add(c, { f: 'u', x: String(e.x) }),
    })),
    hfwd: sendTo(
      (_: On, { n }: { n: string }) => 'i:' + n,
      ({ event }: On) => event,
    ),
    hres: assign(({ context: c, event: e }: On<'h:done'>) => ({
      v: { ...c.v, ...plain(e.variables), handoff: { outcome: String(e.outcome), id: e.id } },
    })),
    // The visitor's 1–5 rating of the help, after resolve; 0 is "no, thanks".
    // The rating state is a choice node the compiler adds after the handoff.
    hrate: ({ context: c, event: e }: On<'c'>, { n }: { n: string }) => {
      const r = (R.N[n] as DataOf<'choice'>).o[e.i[0]].v;
      if (r && R.link) R.link.call('POST', '/handoffs/' + c.v.handoff.id + '/rating', { rating: r }).catch(() => 0);
    },
    hto: assign(({ context: c }: { context: Ctx }) => ({
      v: { ...c.v, handoff: { outcome: 'timeout' } },
      t: add(c, { f: 'b', x: R.ui('noagent') }),
    })),
  },
});
export default handoff;
