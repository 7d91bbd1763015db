import type { InspectionEvent, StateValue } from 'xstate';
import type { Ctx, Env, Reporter } from './types.ts';
import { serverLink } from './link.ts';
import { leaves } from './machine.ts';
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
  const key = 'r:' + R.spec.id;
  /** the current result, once read from storage or made */
  let kept: Kept | undefined;
  /** the actor whose path is being followed, its path (the kept result's own once there is one), the state keys active at its last step */
  let who: unknown,
    seen: string[] = [],
    prev: string[] = [];
  /** the visitor's latest consent answer in this page view */
  let said: boolean | undefined;
  /** the visitor token once known: a report on page close cannot wait for it */
  let token: string | undefined;
  /** something changed since the last report; `wire`: the seq after the report last sent */
  let dirty = 0,
    wire = -1;

  const link = () => R.link || (R.link = serverLink(R));
  const tok = (fresh?: boolean) => link().t!(fresh).then((t) => (token = t));
  const save = () => kept && R.st.set(key, kept).catch(() => 0);

  /** Follows a step of the conversation: every node entered since the last step joins the path. */
  function enter(v: StateValue) {
    const now: string[] = [];
    const walk = (v: StateValue) => {
      if (typeof v == 'string') now.push(v);
      else for (const k in v) (now.push(k), walk(v[k]!));
    };
    walk(v);
    for (const k of now)
      if (R.N[k] && !k.includes('/') && !prev.includes(k)) {
        // State keys are node ids with `.`, `#`, `~`, `/` and `\` escaped as `~` and two hex digits.
        const id = k.replace(/~(..)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        const i = seen.indexOf(id);
        if (i >= 0) seen.splice(i, 1);
        // The server takes at most 100 nodes: the oldest go first, the last node stays.
        if (seen.push(id) > 100) seen.shift();
      }
    prev = now;
  }

  /** Sends `k`'s result if it changed or waits in the outbox; holds it until consent, drops it on "no". */
  function send(k = kept) {
    if (!k) return;
    if (ask && !k.k) return ((k.o = k.k === false ? 0 : 1), save());
    if (!dirty && (!k.o || k.r.seq == wire)) return;
    const body = JSON.stringify(k.r);
    const seq = (wire = ++k.r.seq);
    k.o = 1;
    dirty = 0;
    save();
    const post = (t: string) =>
      R.f(R.spec.u + '/api/v1/visitor/results?token=' + encodeURIComponent(t), {
        method: 'POST',
        keepalive: true,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body,
      });
    (token ? post(token) : tok().then(post))
      // An expired token is renewed once; any other failure leaves the report in the outbox.
      .then((res) => (res.status == 401 ? tok(true).then(post) : res))
      .then((res) => {
        if (res.ok && k.r.seq == seq) ((k.o = 0), k == kept && save());
      })
      .catch(() => 0);
  }

  /** Reads a step into the result: path, variables, completion, handoff, consent; reports the moments that matter. */
  function step(s: Snap) {
    const k = kept!;
    const r = k.r;
    const v = s.context.v;
    const was = JSON.stringify(r);
    enter(s.value);
    r.variables = {};
    for (const n of collect) {
      // Page context is named with dots (`page.utm.source`); the report keeps the dotted name.
      // any: a variable's value, whatever the scenario put there
      let x: any = n.split('.').reduce((o: any, p) => (o == null ? o : o[p]), v);
      if (x != null) {
        if (typeof x == 'object') x = JSON.stringify(x);
        r.variables[n] = typeof x == 'string' ? x.slice(0, 2000) : x;
      }
    }
    const done = s.status == 'done' && !r.completed;
    const handoff = !r.handoff && leaves(s.value).some((n) => R.N[n]?.y == 'handoff');
    r.completed ||= done;
    r.handoff ||= handoff;
    let agreed: unknown;
    if (ask && v[ask[0]] !== k.x) {
      k.x = v[ask[0]];
      if (k.x != null && k.x !== '') agreed = said = k.k = k.x === ask[1];
    }
    if (JSON.stringify(r) != was) dirty = 1;
    if (agreed) tok().catch(() => 0);
    done || handoff || agreed != null ? send() : save();
  }

  const hidden = () => document.visibilityState == 'hidden' && send();
  addEventListener('pagehide', () => send());
  document.addEventListener('visibilitychange', hidden);

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
          if (restored && old) {
            for (const id of seen) old.r.path.includes(id) || old.r.path.push(id);
            seen = old.r.path;
            prev = [];
            enter((actor.getSnapshot() as Snap).value);
            kept = old;
          } else {
            // The last conversation's report that never arrived goes first.
            if (old && old.o) send(old);
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
            dirty = 1;
          }
          if (!ask || kept.k) tok().catch(() => 0);
          if (kept.o) send();
          actor.subscribe((s) => step(s as Snap));
          step(actor.getSnapshot() as Snap);
        });
    },
    k(yes) {
      said = yes;
      if (!kept) return;
      kept.k = yes;
      if (yes) tok().catch(() => 0);
      send();
    },
    async f() {
      // Read before the host clears it; the link would ask for a new session without it.
      const had = token || (await R.st.get<string>('t:' + R.spec.id).catch(() => 0));
      who = kept = token = said = R.link = undefined;
      seen = [];
      dirty = 0;
      // A new visitor from here on, as after a reload (the host clears the stored id and token).
      R.vid = randomId();
      R.st.set(key, 0).catch(() => 0);
      if (had)
        await R.f(R.spec.u + '/api/v1/visitor/results', {
          method: 'DELETE',
          headers: { Authorization: 'Bearer ' + had },
        }).catch(() => 0);
    },
  };
}
