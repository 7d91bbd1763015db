import type { AnyActorLogic } from 'xstate';
import type {
  ActionName,
  ActorName,
  AsFunctions,
  BundleSpec,
  Ctx,
  EventOf,
  GuardName,
  GuardParams,
  MachineEvent,
  NodeDataOf,
  NodeKind,
  RuntimeSettings,
  TextOf,
  UiKey,
  Vars,
} from '../compiler/contract.ts';
import type { $ } from './expr-helpers.ts';

// The compiler ↔ runtime contract (compiler/contract.ts), types only: no byte of it ships.
export type {
  Ctx,
  Entry,
  Incident,
  Vars,
  UiKey,
  UiStrings,
  MachineEvent,
  EventOf,
  NodeKind,
} from '../compiler/contract.ts';

/** A compiled Text: string, template closure, or per-language map of those. */
export type Txt = TextOf<AsFunctions>;

/** The data of nodes of kinds `K`, as the bundle holds it (templates and scripts are functions). */
export type DataOf<K extends NodeKind = NodeKind> = NodeDataOf<K, AsFunctions>;

/** What an action or guard implementation gets: the context, and the event of prefix `P` (`c`, `x`, `ok`…). */
export interface On<P extends string = string> {
  context: Ctx;
  event: P extends string ? EventOf<P> : MachineEvent;
}

/** What an invoked actor gets (runtime/machine.ts): node key, variables, due time, visit number. */
export interface ActorInput {
  n: string;
  v: Vars;
  at: number;
  k: number;
}

/** What the emitted bundle passes to `boot()`: the compiler's spec plus the runtime parts this bot carries. */
export interface Spec extends BundleSpec<AsFunctions> {
  k: NodeModule[];
  /** the server link factory, for bots with long timers or handoff (runtime/link.ts) */
  lk?: (env: Env) => ServerLink;
  /** results reporting, for bots with `settings.results` and a server (runtime/results.ts) */
  rs?: (env: Env) => Reporter;
  /** the start trigger's code, for `delay`, `scroll` and `exit` */
  tr?: (st: RuntimeSettings['st'], begin: () => void, c: Clock) => void;
  /** the widget's styles: the parts this bot can show */
  css: string;
  /** the multiple-choice controls, when the bot has a multiple choice (runtime/widget/multi.tsx) */
  mc?: typeof Multi;
  /** markdown-lite renderer, when the bot's texts use markdown */
  md?: (text: string) => ComponentChildren;
}

/**
 * Implementations a node-type module contributes to the machine, by the contract's names: a
 * misspelt action, guard or actor name is a type error. Actions are XState's action objects.
 */
export interface Parts {
  a?: { [A in ActionName]?: unknown };
  g?: { [G in GuardName]?: (args: On, params: GuardParams[G]) => boolean };
  s?: { [S in ActorName]?: AnyActorLogic };
}

/**
 * A node-type module: a factory of implementations over the runtime environment. `K` names the
 * node kinds whose data it reads (the compiler only wires a module's actions to nodes of those
 * kinds). Written as a method so that a module for some kinds can stand in a list of all modules.
 */
export type NodeModule<K extends NodeKind = NodeKind> = { m(env: EnvOf<K>): Parts }['m'];

/** The environment as a module for kinds `K` sees it: its node table holds those kinds' data. */
export type EnvOf<K extends NodeKind> = Env & { N: Record<string, DataOf<K>> };

/** The runtime environment node modules close over. Effects (clock, fetch, server) are injected here. */
export interface Env {
  spec: Spec;
  /** node data by key */
  N: Record<string, DataOf>;
  /** expression helpers: those of runtime/expr-helpers.ts that this bot's compiled code calls */
  $: Partial<typeof $>;
  /** the clock: every reading of the time and every timer goes through it (runtime/clock.ts) */
  c: Clock;
  /** the network: every request goes through it (the page's fetch, `net` in runtime/link.ts) */
  f: Net;
  /** visitor id */
  vid: string;
  /** resolves a compiled Text for the visitor's language */
  tx(t: Txt | undefined, v: Vars): string;
  /** a UI string in the visitor's language */
  ui(key: UiKey): string;
  /** the conversation's storage (the link keeps the visitor token there) */
  st: Storage;
  /** the server link, created on first use; only bundles with long timers or handoff carry it */
  link?: ServerLink;
  /** reports a warning to the page's `error` listeners */
  warn?(code: string, message: string): void;
}

import type { ComponentChildren } from 'preact';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { Clock } from './clock.ts';
import type { Multi } from './widget/multi.tsx';

/** The network port: fetch's shape, so the page's fetch is the real one. */
export type Net = (url: string, init?: RequestInit) => Promise<Response>;

/** The server link, per docs/visitor-protocol.md (made by runtime/link.ts). Bundles carry it only when the bot has long timers or handoff. */
export interface ServerLink {
  /** Calls a visitor endpoint with the visitor token; rejects on a network error or a non-2xx answer. */
  // any: the JSON answer of whichever endpoint was called; each caller reads the fields its endpoint documents
  call(method: string, path: string, body?: unknown): Promise<any>;
  /** Listens for deliveries about `key` (a timer id or `h:<handoffId>`); the event stream is open while anyone listens. */
  on(key: string, fn: (event: Delivered) => void): () => void;
}

/** A delivery's event, as the server stored it: a machine event (`t:<node>`, `h:msg`, …) with its fields. */
export type Delivered = { type: string; [field: string]: unknown };
import type { Storage } from './storage/types.ts';

/** What the host and the JS API see of results reporting (runtime/results.ts). */
export interface Reporter {
  /** `createActor`'s inspection option for a fresh conversation: it sees the nodes passed through without resting */
  inspect(e: InspectionEvent): void;
  /** This tab (the leading one) runs `actor`: a fresh conversation, or one restored from storage. */
  a(actor: AnyActorRef, restored?: boolean): void;
  /** `Chatlet.consent(yes)` */
  k(yes: boolean): void;
  /** `Chatlet.forget()`: erases this visitor's results on the server and drops what is kept here */
  f(): Promise<unknown>;
}
