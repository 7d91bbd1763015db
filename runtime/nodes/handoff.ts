import { assign, fromPromise } from 'xstate';
import type { Ctx, NodeModule } from '../types.ts';
import { add } from '../base.ts';
import { plain } from './wait.ts';
import { serverLink } from '../link.ts';

/**
 * Handoff to a human manager through the server link. Resolution sets `handoff.outcome` and the
 * manager's variables; a timeout or an unreachable server sets outcome `timeout` and says so politely.
 */
const handoff: NodeModule = (R) => {
  const link = R.link || (R.link = serverLink(R.spec.u, R.spec.id));
  return {
    s: {
      handoff: fromPromise(({ input: { n, v, t, at } }: any) => link.handoff({ n, v, t, at: R.N[n].d ? at : 0, queue: R.N[n].q })),
    },
    a: {
      hres: assign(({ context: c, event: e }: { context: Ctx; event: any }) => ({
        v: { ...c.v, ...plain(e.output.variables), handoff: { outcome: String(e.output.outcome) } },
      })),
      hto: assign(({ context: c }: { context: Ctx }) => ({
        v: { ...c.v, handoff: { outcome: 'timeout' } },
        t: add(c, { f: 'b', x: R.ui('noagent') }),
      })),
    },
  };
};
export default handoff;
