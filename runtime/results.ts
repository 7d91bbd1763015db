import type { InspectionEvent } from 'xstate';
import type { Ctx, Env, Net, Reporter } from './types.ts';
import { randomId } from './random-id.ts';

/**
 * One report of one conversation as it goes on the wire: `ResultTuple` of rest/results.ts, restated
 * here because the runtime does not import rest/ (bench/results-size.test.ts checks that the two agree).
 * A tuple, because its field names would cost every opted-in bundle bytes, in its code and in each body.
 */
export type Report = [
  id: string,
  seq: number,
  scenario: string,
  startedAt: number,
  path: string[],
  variables: Record<string, string | number | boolean | null>,
  completed: boolean,
  handoff: boolean,
];

/**
 * What is kept under `r:<bot id>`: the conversation's result, and `o`, the report body of its latest
 * state while the server has not taken it (the outbox, sent on the next visit).
 */
export interface Kept {
  r: Report;
  o?: string | 0;
}

/** The machine snapshot's parts a report reads (runtime/results-consent.ts reads them too). */
export type Snap = { status: string; context: Ctx; _nodes: { key: string }[] };

/**
 * Results reporting, in the bundles of bots with `settings.results` only (docs/visitor-protocol.md).
 * Per conversation it keeps a random result id, the start time, the nodes reached (in order, each
 * once: a node reached again moves to the end, so the last is where the visitor is), whether it
 * completed or was handed off, and the declared variables (`s.rs`) only. It follows the root
 * actor's inspection stream, whose microsteps show the nodes passed without resting. It reports to
 * `POST /api/v1/visitor/results?token=…` when the conversation completes, when it is handed off, and
 * when the page is hidden or closed, with a string body (the browser sends it as text/plain: no CORS
 * preflight) and `keepalive`, so a report survives the page. Each step numbers the result's state
 * (`seq`); a state the server has not confirmed waits in storage for the next visit; a reload
 * continues the same result. Only the tab that runs the conversation reports (the host calls `a`
 * there only). Every request goes through `net`: consent (runtime/results-consent.ts) gives its own.
 */
export function results(R: Env, net: Net = R.f): Reporter {
  const { spec, st } = R;
  const key = 'r:' + spec.id;
  const tk = 't:' + spec.id;
  const base = spec.u + '/api/v1/visitor/';
  /** the current result, once read from storage or made */
  let kept: Kept | 0 | undefined;
  /** the root actor whose path is followed, and that path (state keys: the server turns them into node ids) */
  let who: unknown, seen: string[];
  /** the visitor token, once asked for: a report on page close cannot wait for a session or storage */
  let token: Promise<string> | 0 | undefined;

  const put = (k: string, v: unknown) => st.set(k, v).catch(() => 0);
  const save = () => kept && put(key, kept);
  /** A new conversation: its path starts at the initial node, which the inspection stream does not show. */
  const fresh = (a: unknown) => ((who = a), (seen = [(spec.m as { initial: string }).initial]));
  /**
   * The visitor token, shared with the server link (kept in storage under `t:<bot id>`), or a new
   * session for the visitor id: the link's own request, without the rest of the link, which a bot
   * with results but without long timers or handoff does not carry. A session the server could not
   * give (it was down) is asked for again next time, not kept failed.
   */
  const tok = () => (
    (token ||= st.get<string>(tk).then(
      (t) =>
        t ||
        net(base + 'session', {
          method: 'POST',
          body: JSON.stringify({ botId: spec.id, visitorId: R.vid }),
          headers: { 'Content-Type': 'application/json' },
        })
          .then((r) => r.json())
          .then(({ token }: { token: string }) => (put(tk, token), token)),
    )).catch(() => (token = 0)),
    token
  );

  /**
   * Follows a step of the conversation: each active node goes to the end of the path, where the one
   * just entered already is, and a node reached again moves there. The active state nodes are xstate's
   * own list (the minifier renames `_nodes` alike everywhere). Keys with `/` are states the compiler
   * made inside a node: the server leaves them out.
   */
  function enter(s: Snap) {
    for (const { key: k } of s._nodes)
      if (R.N[k])
        // The server takes at most 100 nodes: the oldest go first, the last node stays.
        seen = [...seen.filter((n) => n != k), k].slice(-100);
  }

  /**
   * Sends result `k` when the server has not taken its latest state. The server keeps the highest
   * `seq` of a result, so a report sent twice is harmless.
   */
  function send(k: Kept | 0 | undefined) {
    const body = k && k.o;
    if (body)
      tok()
        .then((t) => net(base + 'results?token=' + t, { method: 'POST', body, keepalive: true }))
        // Not taken (offline, the server down, a refusal): it stays in the outbox for the next visit.
        .then((r) => {
          if (r.ok && k.o == body) ((k.o = 0), save());
        })
        .catch(() => 0);
  }

  /** Reads a step into the result (its nodes are entered already): variables, completion, handoff; reports the moments that matter. */
  function step(s: Snap) {
    const r = (kept as Kept).r;
    const v = s.context.v;
    const vars: Report[5] = (r[5] = {});
    for (const n of spec.s.rs!) {
      // Page context is named with dots (`page.utm.source`); the report keeps the dotted name.
      // any: a variable's value, whatever the scenario put there
      let x: any = n.split('.').reduce((o: any, p) => o?.[p], v);
      if (x != null) {
        if (typeof x == 'object') x = JSON.stringify(x);
        // The server takes 2,000 characters of a value.
        vars[n] = x.slice ? x.slice(0, 2000) : x;
      }
    }
    r[4] = seen;
    const done = s.status == 'done';
    // Handed off once, handed off for good: the path may since have lost the node to the cap.
    const handoff = r[7] || seen.some((k) => R.N[k].y == 'handoff');
    const now = done > r[6] || handoff > r[7];
    r[6] = done;
    r[7] = handoff;
    r[1]++;
    (kept as Kept).o = JSON.stringify(r);
    save();
    if (now) send(kept);
  }

  // A page being closed, reloaded or left turns hidden first, in every browser the bundle runs in (docs/js-api.md);
  // the document's event reaches the window. Turning visible again sends only what changed while hidden.
  addEventListener('visibilitychange', () => send(kept));

  /** The root actor's inspection events: microsteps extend the path, snapshots are steps. */
  function inspect(e: InspectionEvent) {
    const s = (e as { snapshot?: Snap }).snapshot;
    // Only the root is a state machine (the actors it invokes are callbacks): only its snapshots list state nodes.
    if (!s?._nodes) return;
    // A fresh conversation's actor shows its first microsteps as it is made, before `a` hears of it.
    if (e.actorRef != who) fresh(e.actorRef);
    enter(s);
    // A microstep (it carries xstate's `_transitions`) is a node passed; the snapshot after a whole step is the step.
    if (kept && !(e as { _transitions?: unknown })._transitions) step(s);
  }

  return {
    inspect,
    a(actor, restored) {
      // What the conversation before did since its last report is in storage: it goes below.
      kept = 0;
      // A restored actor was made without the inspection option; a fresh one has it, and is seen as it starts.
      if (restored) (fresh(actor), actor.system.inspect(inspect));
      st.get<Kept>(key)
        .catch(() => 0 as const)
        .then((old) => {
          if (who != actor) return;
          // A report that never arrived goes first: this conversation's, or the one's before.
          send(old);
          if (restored && old) seen = (kept = old).r[4];
          // The step that follows fills in path, variables and flags (0 reads as false to it).
          else
            ((kept = { r: [randomId(), 0, spec.h, R.c.now(), 0, 0, 0, 0] as never }),
              step(actor.getSnapshot() as Snap));
          // Fetched ahead: a report on page close cannot wait for it.
          tok();
        });
    },
    // Consent's answer is runtime/results-consent.ts's: here it only lets out what its network held.
    k: () => send(kept),
    f() {
      // Read before the host clears it.
      const t = token || st.get<string>(tk);
      // 0 reads as none to each of them (the link is made again when needed, with the new visitor).
      who = kept = token = R.link = 0 as never;
      // A new visitor from here on, as after a reload (the host clears the stored id and token).
      R.vid = randomId();
      put(key, 0);
      return t.then((t): unknown => t && net(base + 'results?token=' + t, { method: 'DELETE' })).catch(() => 0);
    },
  };
}
