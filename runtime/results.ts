import type { InspectionEvent, StateValue } from 'xstate';
import type { Ctx, Env, Reporter } from './types.ts';
import { randomId } from './random-id.ts';

/**
 * One report of one conversation: `ResultReport` of rest/results.ts, restated here because the
 * runtime does not import rest/ (bench/results-size.test.ts checks that the two agree).
 */
export interface Report {
  id: string;
  seq: number;
  scenario: string;
  startedAt: number;
  path: string[];
  completed: boolean;
  handoff: boolean;
  variables: Record<string, string | number | boolean | null>;
}

/**
 * What is kept under `r:<bot id>`: the conversation's result; `o` when its latest state has not
 * reached the server yet (the outbox, sent on the next visit); the visitor's consent `k`, and `x`
 * the consent variable's value it was last read from.
 */
export interface Kept {
  r: Report;
  o?: 0 | 1;
  k?: boolean;
  x?: unknown;
}

/** The machine snapshot's parts a report reads. */
type Snap = { value: StateValue; status: string; context: Ctx };

/**
 * Results reporting, in the bundles of bots with `settings.results` only (docs/visitor-protocol.md).
 * Per conversation it keeps a random result id, the start time, the nodes reached (in order, each
 * once: a node reached again moves to the end, so the last is where the visitor is), whether it
 * completed or was handed off, and the declared variables (`s.rs.c`) only. It reports to
 * `POST /api/v1/visitor/results?token=…` when the conversation completes, when it is handed off, and
 * when the page is hidden or closed, with a text/plain body (no CORS preflight) and `keepalive`, so a
 * report survives the page. A report that did not arrive waits in storage for the next visit; a
 * reload continues the same result. Only the tab that runs the conversation reports (the host calls
 * `a` there only). With `s.rs.k`, nothing is sent before the visitor agrees, and nothing after "no".
 */
export function results(R: Env): Reporter {
  const { c: collect, k: ask } = R.spec.s.rs!;
  const id = R.spec.id;
  const key = 'r:' + id;
  const tk = 't:' + id;
  const base = R.spec.u + '/api/v1/visitor/';
  /** the current result, once read from storage or made */
  let kept: Kept | undefined;
  /** the actor whose path is followed, that path (the kept result's own once there is one), and the state keys active at its last step */
  let who: unknown,
    seen: string[] = [],
    prev: string[] = [];
  /** the visitor's latest consent answer in this page view */
  let said: boolean | undefined;
  /** the visitor token once known: a report on page close cannot wait for a session */
  let token: string | undefined;
  /** something changed since the last report; a handoff node was entered since the last step */
  let dirty = 0,
    handoff = 0;

  const save = () => kept && R.st.set(key, kept).catch(() => 0);
  /**
   * The visitor token, shared with the server link (kept in storage under `t:<bot id>`), or a new
   * session for the visitor id: the link's own request, without the rest of the link, which a bot
   * with results but without long timers or handoff does not carry.
   */
  const tok = () =>
    token
      ? Promise.resolve(token)
      : R.st
          .get<string>(tk)
          .then(
            (t) =>
              t ||
              R.f(base + 'session', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ botId: id, visitorId: R.vid }),
              })
                .then((r) => r.json())
                .then((r: { token: string }) => (R.st.set(tk, r.token).catch(() => 0), r.token)),
          )
          .then((t) => (token = t));

  /** Follows a step of the conversation: each node entered since the last step joins the path. */
  function enter(v: StateValue) {
    const now: string[] = [];
    const walk = (v: StateValue) => {
      if (typeof v == 'string') now.push(v);
      else for (const k in v) (now.push(k), walk(v[k]!));
    };
    walk(v);
    for (const k of now)
      if (R.N[k] && !k.includes('/') && !prev.includes(k)) {
        if (R.N[k].y == 'handoff') handoff = 1;
        // State keys are node ids with `.`, `#`, `~`, `/` and `\` escaped as `~` and two hex digits.
        const n = unescape(k.replace(/~/g, '%'));
        const i = seen.indexOf(n);
        if (i >= 0) seen.splice(i, 1);
        // The server takes at most 100 nodes: the oldest go first, the last node stays.
        if (seen.push(n) > 100) seen.shift();
      }
    prev = now;
  }

  /**
   * Sends result `k` when something changed (or `force`: its outbox); holds it until consent and
   * drops it on "no". The token is in the URL, and the body text/plain, so the request needs no
   * CORS preflight and `keepalive` carries it past the page's end.
   */
  function send(k = kept, force?: unknown) {
    if (!k || !(dirty || force)) return;
    if (ask && !k.k) return ((k.o = k.k == null ? 1 : 0), save());
    const body = JSON.stringify(k.r);
    const seq = ++k.r.seq;
    k.o = 1;
    dirty = 0;
    save();
    tok()
      .then((t) =>
        R.f(base + 'results?token=' + t, {
          method: 'POST',
          keepalive: true,
          headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
          body,
        }),
      )
      // Not taken (offline, the server down, a refusal): it stays in the outbox for the next visit.
      .then((r) => {
        if (r.ok && k.r.seq == seq) ((k.o = 0), save());
      })
      .catch(() => 0);
  }

  /** Reads a step into the result: path, variables, completion, handoff, consent; reports the moments that matter. */
  function step(s: Snap) {
    const r = kept!.r;
    const v = s.context.v;
    enter(s.value);
    r.variables = {};
    for (const n of collect) {
      // Page context is named with dots (`page.utm.source`); the report keeps the dotted name.
      // any: a variable's value, whatever the scenario put there
      let x: any = n.split('.').reduce((o: any, p) => o?.[p], v);
      if (x != null) {
        if (typeof x == 'object') x = JSON.stringify(x);
        // The server takes 2,000 characters of a value.
        r.variables[n] = x.slice ? x.slice(0, 2000) : x;
      }
    }
    const done = s.status == 'done';
    const now = (done && !r.completed) || (handoff && !r.handoff);
    r.completed = done;
    r.handoff ||= !!handoff;
    handoff = 0;
    let agreed;
    if (ask && v[ask[0]] !== kept!.x && (kept!.x = v[ask[0]]) != null && kept!.x !== '')
      agreed = said = kept!.k = kept!.x === ask[1];
    dirty = 1;
    now || agreed != null ? send() : save();
  }

  // A page being closed, reloaded or left turns hidden first, in every browser the bundle runs in (docs/js-api.md).
  document.addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && send());

  function inspect(e: InspectionEvent) {
    if (e.type != '@xstate.microstep') return;
    if (e.actorRef != who) ((who = e.actorRef), (seen = []), (prev = []));
    enter((e.snapshot as unknown as Snap).value);
  }

  return {
    inspect,
    a(actor, restored) {
      // What the conversation before did since its last report goes first (the page called reset).
      send();
      if (actor != who) ((who = actor), (seen = []), (prev = []));
      // A restored actor was made without the inspection option.
      if (restored) actor.system.inspect(inspect);
      R.st
        .get<Kept>(key)
        .catch(() => undefined)
        .then((old) => {
          if (who != actor) return;
          const snap = actor.getSnapshot() as Snap;
          if (restored && old) ((seen = (kept = old).r.path), enter(snap.value));
          else {
            // The last conversation's report that never arrived goes first.
            if (old && old.o) send(old, 1);
            const first = (R.spec.m as { initial: string }).initial;
            if (!restored && !seen.includes(first)) seen.unshift(first);
            kept = {
              r: {
                id: randomId(),
                seq: 0,
                scenario: R.spec.h,
                startedAt: R.c.now(),
                path: seen,
                completed: false,
                handoff: false,
                variables: {},
              },
              k: said ?? (old && old.k),
            };
            step(snap);
          }
          if (kept.o) send(kept, 1);
          // Fetched ahead: a report on page close cannot wait for it.
          if (!ask || kept.k) tok().catch(() => 0);
          actor.subscribe((s) => step(s as Snap));
        });
    },
    k(yes) {
      said = yes;
      if (kept) ((kept.k = yes), send(kept, 1));
    },
    async f() {
      // Read before the host clears it.
      const t = token || (await R.st.get<string>(tk).catch(() => 0));
      who = kept = token = said = R.link = undefined;
      seen = [];
      dirty = 0;
      // A new visitor from here on, as after a reload (the host clears the stored id and token).
      R.vid = randomId();
      R.st.set(key, 0).catch(() => 0);
      if (t)
        await R.f(base + 'results', { method: 'DELETE', headers: { Authorization: 'Bearer ' + t } }).catch(() => 0);
    },
  };
}
