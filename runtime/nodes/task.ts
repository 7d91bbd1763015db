import { fromCallback } from 'xstate';

/**
 * An async service as a callback actor: `ok:<key>` with its output, or `no:<key>` with its error.
 * Like a promise actor (and re-run the same way after a restore), without shipping fromPromise.
 */
export const task = (fn: (input: any) => Promise<unknown>) =>
  fromCallback(({ input, sendBack }: any) => {
    fn(input).then(
      (output) => sendBack({ type: 'ok:' + input.n, output }),
      (error) => sendBack({ type: 'no:' + input.n, error }),
    );
  });
