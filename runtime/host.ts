import { createActor } from 'xstate';
import type { Ctx, Entry, Env } from './types.ts';
import type { Storage } from './storage/types.ts';
import { buildMachine, leaves } from './machine.ts';

/** What the widget draws. */
export interface View {
  t: Entry[];
  /** the node asking the visitor something, if any */
  ask?: { n: string; d: any; v: any };
  started: boolean;
  done: boolean;
}

/** What is stored per bot and visitor: scenario version, machine snapshot, notes before it, panel open. */
interface SavedRecord {
  h: string;
  s: any;
  p: Entry[];
  o?: boolean;
}

export type Emit = (type: 'message' | 'state' | 'end' | 'error' | 'handoff', data: any) => void;

const ASKS: Record<string, 1> = { choice: 1, input: 1, intent: 1 };
const FROM = { b: 'bot', u: 'visitor', m: 'manager', s: 'system' };

/**
 * The effectful shell around the machine: restores the saved conversation, runs the actor,
 * saves after every step and turns snapshots into views and page events.
 */
export function createHost(R: Env, store: Storage, emit: Emit) {
  const key = 'b:' + R.spec.id;
  const machine = buildMachine(R);
  const initial = (machine.config.context as Ctx).v;
  const listeners = new Set<() => void>();
  let actor: any;
  let pre: Entry[] = [];
  let open = false;
  let seenT = 0, seenE = 0, wasHandoff = false, ended = false, failed = false;
  let saving: Promise<unknown> = Promise.resolve();
  const notify = () => listeners.forEach((f) => f());
  const kind = (k: string) => (R.N[k] || ({} as any)).y;

  function save() {
    const rec: SavedRecord = { h: R.spec.h, s: actor && actor.getPersistedSnapshot(), p: pre, o: open };
    saving = saving
      .then(() => store.set(key, rec))
      .catch((err) => {
        if (!failed) emit('error', { code: 'storage.write_failed', message: String(err) });
        failed = true;
      });
  }

  function onSnapshot(snap: any) {
    const c: Ctx = snap.context;
    const at = leaves(snap.value);
    save();
    for (; seenT < c.t.length; seenT++) {
      const e = c.t[seenT];
      emit('message', { from: FROM[e.f], text: e.x, image: e.i });
    }
    for (; seenE < c.e.length; seenE++) emit('error', { code: c.e[seenE].c, message: c.e[seenE].m, node: c.e[seenE].n });
    const inHandoff = at.some((k) => kind(k) === 'handoff');
    if (inHandoff && !wasHandoff) emit('handoff', { status: 'waiting' });
    wasHandoff = inHandoff;
    emit('state', { at, status: snap.status });
    if (snap.status === 'done' && !ended) {
      ended = true;
      const last = at.map((k) => R.N[k]).find((d) => d && d.y === 'end');
      emit('end', { variables: c.v, redirect: last && last.r });
    }
    notify();
  }

  function run(a: any) {
    actor = a;
    const snap = a.getSnapshot();
    // What was already there before this page view is not news: do not re-emit it.
    seenT = snap.context.t.length;
    seenE = snap.context.e.length;
    ended = snap.status === 'done';
    a.subscribe({ next: onSnapshot, error: (err: unknown) => emit('error', { code: 'runtime.failed', message: String(err) }) });
    a.start();
    notify();
  }

  const host = {
    /** Restores a saved conversation, or starts over politely when the bot changed under it. */
    async restore(): Promise<boolean> {
      const rec: SavedRecord | undefined = await store.get<SavedRecord>(key).catch(() => undefined);
      if (!rec || !rec.s) return false;
      open = !!rec.o;
      pre = rec.p || [];
      try {
        const a = createActor(machine, { snapshot: rec.s });
        const snap: any = a.getSnapshot();
        if (snap.status === 'error') throw 0;
        snap.context.v = { ...initial, ...snap.context.v };
        run(a);
      } catch {
        // The state it was in no longer exists in this version of the bot.
        pre = [{ f: 's', x: R.ui('restart') }];
        run(createActor(machine));
      }
      return true;
    },
    /** Starts the conversation if it has not started. */
    start() {
      if (!actor) run(createActor(machine));
    },
    /** Forgets the conversation and starts a fresh one. */
    reset() {
      if (actor) actor.stop();
      actor = 0;
      pre = [];
      host.start();
    },
    send(event: any) {
      if (actor && actor.getSnapshot().status === 'active') actor.send(event);
    },
    view(): View {
      if (!actor) return { t: pre, started: false, done: false };
      const snap = actor.getSnapshot();
      const c: Ctx = snap.context;
      const at = leaves(snap.value).find((k) => ASKS[kind(k)]);
      return { t: pre.concat(c.t), ask: at ? { n: at, d: R.N[at], v: c.v } : undefined, started: true, done: snap.status === 'done' };
    },
    variables: () => ({ ...(actor ? actor.getSnapshot().context.v : initial) }),
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
  return host;
}

export type Host = ReturnType<typeof createHost>;
