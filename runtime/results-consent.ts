import type { InspectionEvent } from 'xstate';
import type { Env, Reporter } from './types.ts';
import { results, type Snap } from './results.ts';

/**
 * Results reporting with consent (`settings.results.consent`, lowered to `s.rk`): only the bundles
 * of bots that ask carry this, around the reporter, which knows nothing of it. The reporter's network
 * is closed until the visitor agrees, in the conversation (the consent variable takes the accepting
 * value) or on the page (`Chatlet.consent(true)`): reports wait in its outbox and no session is asked
 * for. After "no" nothing goes out; only `Chatlet.forget()`'s erasure always does. The answer is kept
 * under `c:<bot id>` once a conversation runs in this tab (never before: a consent banner on every
 * page must store nothing), so a reload or a later conversation has it.
 */
export function consent(R: Env): Reporter {
  const [name, accept] = R.spec.s.rk!;
  const key = 'c:' + R.spec.id;
  /** the visitor's answer; the consent variable's value it was last read from; a conversation runs here */
  let said: boolean | undefined, last: unknown, runs: unknown;
  /** the report on its way: the step that brings a yes may also be one the reporter sends at once */
  let flying: unknown;
  const keep = () => runs && R.st.set(key, [said, last]).catch(() => 0);
  const rs = results(R, (url, init = {}) =>
    init.method == 'DELETE' || (said && (!init.body || init.body != flying))
      ? ((flying = init.body), R.f(url, init).finally(() => (flying = 0)))
      : Promise.reject(new Error('held: no consent, or sent already')),
  );
  const { inspect, a, k, f } = rs;
  /** Takes an answer; a yes lets out what was held. */
  const answer = (yes: boolean | undefined) => ((said = yes), keep(), yes && k(yes));
  /** Reads the answer from a step of the conversation: a value the variable took (unset and '' are none). */
  const read = (e: InspectionEvent) => {
    const s = (e as { snapshot?: Snap }).snapshot;
    if (e.type != '@xstate.snapshot' || !s?._nodes) return;
    const x = s.context.v[name];
    if (x !== last && (last = x) != null && x !== '') answer(x === accept);
  };
  rs.inspect = (e) => (inspect(e), read(e));
  rs.a = (actor, restored) => {
    a(actor, restored);
    // A restored actor was made without the inspection option.
    if (restored) actor.system.inspect(read);
    if (!runs) {
      runs = 1;
      // An answer given on this page before wins over the one kept.
      R.st
        .get<[boolean?, unknown?]>(key)
        .catch(() => 0 as const)
        .then((kept) => {
          last ??= kept && kept[1];
          answer(said ?? (kept ? kept[0] : undefined));
        });
    }
  };
  rs.k = answer;
  rs.f = () => ((said = last = undefined), R.st.set(key, 0).catch(() => 0), f());
  return rs;
}
