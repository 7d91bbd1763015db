import { createActor, type Actor, type AnyEventObject, type Snapshot, type SnapshotFrom } from 'xstate';
import type { AsFunctions, NodeDataOf } from '../compiler/contract.ts';
import type { Ctx, Entry, Env, Vars } from './types.ts';
import type { Storage } from './storage/types.ts';
import type { Tabs } from './tabs.ts';
import { buildMachine, leaves } from './machine.ts';

/** The node kinds that wait for the visitor's words or choice (ASKS). */
export type Asking = 'choice' | 'input' | 'intent' | 'handoff';

/** What the widget draws. */
export interface View {
  t: Entry[];
  /** the node asking the visitor something, if any: key, node data, variables */
  ask?: { n: string; d: NodeDataOf<Asking, AsFunctions>; v: Vars };
  started: boolean;
}

/** What is stored per bot and visitor: scenario version, machine snapshot, notes before it, panel open. */
export interface SavedRecord {
  h: string;
  /** the persisted snapshot; falsy before the conversation started */
  s: Snapshot<unknown> | 0 | undefined;
  p: Entry[];
  o?: boolean;
}

/** A message between tabs of one bot: a saved record from the leader, or a visitor's action for it (one field each). */
export type TabMessage = { rec?: SavedRecord; ev?: AnyEventObject; start?: 1; reset?: number };

/** What each page event carries (docs/js-api.md). */
export interface PageEvents {
  message: { from: string; text: string; image?: string };
  state: { at: string[]; status: string };
  end: { variables: Vars; redirect?: string };
  error: { code: string; message: string; node?: string };
  handoff: { status: 'waiting' };
}

/** Tells one bot's listeners on the page about an event, with that event's data. */
export type Emit = <T extends keyof PageEvents>(type: T, data: PageEvents[T]) => void;

type Machine = ReturnType<typeof buildMachine>;
/** A snapshot, with the context every bot's machine has. */
type Snap = SnapshotFrom<Machine> & { context: Ctx };

// While a handoff is open the visitor chats with the manager through the same textbox.
const ASKS: Record<string, 1> = { choice: 1, input: 1, intent: 1, handoff: 1 } satisfies Record<Asking, 1>;
const FROM = { b: 'bot', u: 'visitor', m: 'manager', s: 'system' };

/**
 * The effectful shell around the machine: restores the saved conversation, runs the actor,
 * saves after every step and turns snapshots into views and page events. Its effects come in as
 * ports: the clock and network in `R`, the storage, the page's event listeners and the other tabs.
 *
 * With several tabs, exactly one (the leader, see tabs.ts) runs the actor; the others show the
 * leader's saved records as they arrive and forward the visitor's actions to it. So no message,
 * call or timer ever runs twice.
 */
export function createHost(R: Env, store: Storage, emit: Emit, tabs: Tabs<TabMessage>) {
  const key = 'b:' + R.spec.id;
  // The machine is built when a conversation starts or is restored, not at page load: a visitor
  // who never opens the chat never pays for it (see docs/performance.md, Total Blocking Time).
  let machine: ReturnType<typeof buildMachine>;
  const m = () => machine || (machine = buildMachine(R));
  const initial = (R.spec.m.context as Ctx).v;
  // Results reporting, in the bundles of bots that opted in (runtime/results.ts): it sees every fresh
  // conversation from its creation (it is createActor's inspection option) and each one this tab runs.
  const rs = R.spec.rs?.(R);
  const listeners = new Set<() => void>();
  /** the running actor (leader only) */
  let actor: Actor<Machine> | 0 | undefined;
  /** the snapshot on screen when following another tab */
  let shown: Snap | 0 | undefined;
  let pre: Entry[] = [];
  let open = false;
  let seenT = 0,
    seenE = 0,
    wasHandoff = false,
    ended = false,
    failed = false;
  let saving: Promise<unknown> = Promise.resolve();
  const notify = () => listeners.forEach((f) => f());
  const kind = (k: string) => R.N[k]?.y;
  const post = (m: TabMessage) => tabs.postMessage(m);
  const current = () => (actor ? (actor.getSnapshot() as Snap) : shown);

  function save() {
    const rec: SavedRecord = { h: R.spec.h, s: actor && actor.getPersistedSnapshot(), p: pre, o: open };
    saving = saving
      .then(() => store.set(key, rec))
      .catch((err) => {
        if (!failed) emit('error', { code: 'storage.write_failed', message: String(err) });
        failed = true;
      })
      // Followers hear of a step only once it is stored, so a tab that takes over finds it.
      .then(() => post({ rec }));
  }

  /** Counts what is already on screen, so it is not announced again. */
  function mark(snap: Snap) {
    seenT = snap.context.t.length;
    seenE = snap.context.e.length;
    ended = snap.status === 'done';
  }

  /** Turns a new snapshot into page events and a redraw. */
  function observe(snap: Snap) {
    const c: Ctx = snap.context;
    const at = leaves(snap.value);
    for (; seenT < c.t.length; seenT++) {
      const e = c.t[seenT];
      emit('message', { from: FROM[e.f], text: e.x, image: e.i });
    }
    for (; seenE < c.e.length; seenE++)
      emit('error', { code: c.e[seenE].c, message: c.e[seenE].m, node: c.e[seenE].n });
    const inHandoff = at.some((k) => kind(k) === 'handoff');
    if (inHandoff && !wasHandoff) emit('handoff', { status: 'waiting' });
    wasHandoff = inHandoff;
    emit('state', { at: at.filter((k) => k[0] != '/'), status: snap.status });
    if (snap.status === 'done' && !ended) {
      ended = true;
      const last = at.map((k) => R.N[k]).find((d) => d && d.y === 'end');
      // A redirect may be a template; analysis made sure its fixed start already says http(s) or a path on the site.
      emit('end', { variables: c.v, redirect: last && last.r && R.tx(last.r, c.v) });
    }
    notify();
  }

  /** Runs an actor; a restored one's history is already on screen, a fresh one's first entries are news. */
  function run(a: Actor<Machine>, restored?: boolean) {
    actor = a;
    shown = 0;
    if (restored) mark(a.getSnapshot() as Snap);
    else ((seenT = seenE = 0), (ended = false));
    rs?.a(a, restored);
    a.subscribe({
      next: (snap) => (save(), observe(snap as Snap)),
      error: (err: unknown) => emit('error', { code: 'runtime.failed', message: String(err) }),
    });
    a.start();
    notify();
  }

  /** A restored, unstarted snapshot of a record, or undefined when this version cannot take it. */
  function revive(s: Snapshot<unknown>): Actor<Machine> | undefined {
    try {
      const a = createActor(m(), { snapshot: s });
      const snap = a.getSnapshot() as Snap;
      if (snap.status === 'error') return;
      snap.context.v = { ...initial, ...snap.context.v };
      return a;
    } catch {
      // The state it was in no longer exists in this version of the bot.
    }
  }

  /** Follower: shows another tab's record. */
  function follow(rec: SavedRecord, first?: boolean) {
    const a = rec.s && revive(rec.s);
    if (!a) return;
    pre = rec.p || [];
    shown = a.getSnapshot() as Snap;
    if (first) mark(shown);
    observe(shown);
  }

  const host = {
    /** Restores a saved conversation, or starts over politely when the bot changed under it. */
    async restore(): Promise<boolean> {
      const rec: SavedRecord | undefined = await store.get<SavedRecord>(key).catch(() => undefined);
      if (!rec || !rec.s) return false;
      open = !!rec.o;
      if (!tabs.leads) return (follow(rec, true), true);
      pre = rec.p || [];
      const a = revive(rec.s);
      if (!a) pre = [{ f: 's', x: R.ui('restart') }];
      run(a || createActor(m(), rs), !!a);
      return true;
    },
    /** This tab takes over running the conversation (the previous leader tab closed). */
    async lead() {
      const wasOpen = open;
      await host.restore();
      open = wasOpen;
      notify();
    },
    /** Starts the conversation if it has not started. */
    start() {
      if (!tabs.leads) post({ start: 1 });
      else if (!actor) run(createActor(m(), rs));
    },
    /**
     * Forgets the conversation and starts a fresh one; with `f` = 2 (`Chatlet.forget()`), forgets this
     * visitor instead: their results on the server, the conversation, the outbox, the visitor token
     * and id here, and the widget is back at its start.
     */
    reset(f?: number) {
      if (!tabs.leads) return post({ reset: f || 1 });
      if (actor) actor.stop();
      actor = 0;
      pre = [];
      if (!f) return host.start();
      // Results go first: they need the token that is cleared next.
      rs?.f();
      open = false;
      // 0 reads back as none; a write the device refuses leaves what was there.
      for (const k of [key, 't:' + R.spec.id, 'vid']) store.set(k, 0).catch(() => 0);
      notify();
    },
    /** results reporting, for bots that opted in (Chatlet.consent and forget reach it here) */
    rs,
    /** Sends a visitor's action to the conversation, wherever it runs. */
    send(event: AnyEventObject) {
      if (!tabs.leads) post({ ev: event });
      else if (actor && (actor.getSnapshot() as Snap).status === 'active') actor.send(event);
    },
    view(): View {
      const snap = current();
      if (!snap) return { t: pre, started: false };
      const c: Ctx = snap.context;
      const at = leaves(snap.value).find((k) => ASKS[kind(k)]);
      return {
        t: pre.concat(c.t),
        // ASKS holds only the kinds that ask, so the node found is one of them
        ask: at ? { n: at, d: R.N[at] as NodeDataOf<Asking, AsFunctions>, v: c.v } : undefined,
        started: true,
      };
    },
    variables: () => {
      const snap = current();
      return { ...(snap ? snap.context.v : initial) };
    },
    get open() {
      return open;
    },
    set open(o: boolean) {
      open = o;
      if (actor) save();
      notify();
    },
    sub(f: () => void) {
      listeners.add(f);
      return () => listeners.delete(f);
    },
  };
  tabs.onmessage = ({ data: m }) => {
    if (!tabs.leads) return m.rec && follow(m.rec);
    if (m.ev) host.send(m.ev);
    if (m.start) host.start();
    if (m.reset) host.reset(m.reset - 1);
  };
  return host;
}

/** One bot's running host, as `createHost` returns it: what the widget and the JS API drive. */
export type Host = ReturnType<typeof createHost>;
