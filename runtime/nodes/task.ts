import { fromCallback } from 'xstate';
import type { ActorInput, MachineEvent } from '../types.ts';

/**
 * An async service as a callback actor: `ok:<key>` with its output, or `no:<key>` with its error.
 * Like a promise actor (and re-run the same way after a restore), without shipping fromPromise.
 */
export const task = <I extends ActorInput = ActorInput>(fn: (input: I) => Promise<unknown>) =>
  fromCallback<MachineEvent, I>(({ input, sendBack }) => {
    fn(input).then(
      (output) => sendBack({ type: 'ok:' + input.n, output }),
      (error) => sendBack({ type: 'no:' + input.n, error }),
    );
  });
