import { assign, fromCallback, sendTo } from 'xstate';
import type { Ctx, NodeModule } from '../types.ts';
import { add } from '../base.ts';
import { plain } from './wait.ts';
import { arm } from './delay.ts';

const FROM = { b: 'bot', u: 'visitor', m: 'manager', s: 'system' };

/**
 * Handoff to a human manager (docs/visitor-protocol.md). The actor creates the task with the
 * transcript and variables, relays the manager's events from the server's stream, and forwards
 * the visitor's messages. No server, or nobody in time: `h:timeout`, and the bot carries on.
 */
const handoff: NodeModule = (R) => ({
  s: {
    handoff: fromCallback(({ input: { n, v, t, at, k }, sendBack, receive }: any) => {
      const out = () => sendBack({ type: 'h:timeout' });
      const lk = R.spec.lk && (R.link || (R.link = R.spec.lk(R)));
      if (!lk) return out();
      let id: string | undefined;
      let un: (() => void) | undefined;
      lk.call('POST', '/handoffs', {
        handoffKey: n + '@' + k,
        queue: R.N[n].q,
        timeoutAt: at || null,
        transcript: t.map((e: any) => ({ from: (FROM as any)[e.f], text: e.x })),
        variables: v,
      }).then((h) => {
        id = h.id;
        un = lk.on('h:' + id, (e) => sendBack({ ...e, id }));
      }, out);
      receive((e: any) => id && lk.call('POST', '/handoffs/' + id + '/messages', { text: e.x }).catch(() => 0));
      // The server times the task out too; this covers a server that went away meanwhile.
      const off = at ? arm(R.c, at + 5000, out) : () => 0;
      return () => (off(), un && un());
    }),
  },
  a: {
    hjoin: assign(({ context: c, event: e }: { context: Ctx; event: any }) => ({
      t: add(c, { f: 's', x: R.ui('joined').replace('%s', e.name || '') }),
    })),
    hmsg: assign(({ context: c, event: e }: { context: Ctx; event: any }) => ({
      t: add(c, { f: 'm', x: String(e.text) }),
    })),
    hsay: assign(({ context: c, event: e }: { context: Ctx; event: any }) => ({
      t: add(c, { f: 'u', x: String(e.x) }),
    })),
    hfwd: sendTo(((_: any, { n }: any) => 'i:' + n) as any, ({ event }: any) => event),
    hres: assign(({ context: c, event: e }: { context: Ctx; event: any }) => ({
      v: { ...c.v, ...plain(e.variables), handoff: { outcome: String(e.outcome), id: e.id } },
    })),
    // The visitor's 1–5 rating of the help, after resolve; 0 is "no, thanks".
    hrate: ({ context: c, event: e }: { context: Ctx; event: any }, { n }: { n: string }) => {
      const r = R.N[n].o[e.i[0]].v;
      if (r && R.link) R.link.call('POST', '/handoffs/' + c.v.handoff.id + '/rating', { rating: r }).catch(() => 0);
    },
    hto: assign(({ context: c }: { context: Ctx }) => ({
      v: { ...c.v, handoff: { outcome: 'timeout' } },
      t: add(c, { f: 'b', x: R.ui('noagent') }),
    })),
  },
});
export default handoff;
