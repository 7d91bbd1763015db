import { assign } from 'xstate';
import { task } from './task.ts';
import type { NodeModule, On } from '../types.ts';
import { plain } from './wait.ts';

/**
 * Author code compiled into the bundle. It gets a copy of the variables and may return an object
 * of variables to set; a throw is an incident that follows `onError`.
 */
const script: NodeModule<'script'> = (R) => ({
  s: { script: task(async ({ n, v }) => R.N[n].f(JSON.parse(JSON.stringify(v)))) },
  a: {
    sv: assign(({ context: c, event: e }: On<'ok'>) => ({ v: { ...c.v, ...plain(e.output) } })),
  },
});
export default script;
