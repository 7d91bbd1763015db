import type { MachineConfig, NodeData } from '../compiler/phases/3-lower/types.ts';
import type { RuntimeSettings } from '../compiler/phases/3-lower/settings.ts';

/** A compiled Text: string, template closure, or per-language map of those. */
export type Txt = string | ((v: Vars) => string) | Record<string, string | ((v: Vars) => string)>;

export type Vars = Record<string, any>;

/** Transcript entry: `f` from (b bot, u visitor, m manager, s system), `x` text, `i` image. */
export interface Entry {
  f: 'b' | 'u' | 'm' | 's';
  x: string;
  i?: string;
}

/** A reported incident: node key, code, message. */
export interface Incident {
  n: string;
  c: string;
  m: string;
}

/** Machine context. Everything a conversation is, so one persisted snapshot restores all of it. */
export interface Ctx {
  v: Vars;
  t: Entry[];
  /** absolute due times (ms since epoch) by node key */
  d: Record<string, number>;
  /** visit counter */
  k: number;
  /** current visit number by node key (idempotency keys) */
  q: Record<string, number>;
  /** compensations since the last checkpoint: node key, variables and key of the completed call */
  c: { n: string; v: Vars; k: string }[];
  e: Incident[];
}

/** What the emitted bundle passes to `boot()`. */
export interface Spec {
  id: string;
  u: string;
  h: string;
  s: RuntimeSettings;
  m: MachineConfig;
  n: Record<string, NodeData & Record<string, any>>;
  x: ((v: Vars) => unknown)[];
  k: NodeModule[];
  /** the server link factory, for bots with long timers or handoff (runtime/link.ts) */
  lk?: (env: Env) => ServerLink;
  /** the start trigger's code, for `delay`, `scroll` and `exit` */
  tr?: (st: RuntimeSettings['st'], begin: () => void, c: Clock) => void;
  /** the widget's styles: the parts this bot can show */
  css: string;
  /** the multiple-choice controls, when the bot has a multiple choice */
  mc?: any;
  /** markdown-lite renderer, when the bot's texts use markdown */
  md?: (text: string) => any;
  /** UI strings by language */
  ui: Record<string, Record<UiKey, string>>;
}

/** Implementations a node-type module contributes to `setup()`. */
export interface Parts {
  a?: Record<string, any>;
  g?: Record<string, (args: any, params: any) => boolean>;
  s?: Record<string, any>;
}

/** A node-type module: a factory of implementations over the runtime environment. */
export type NodeModule = (env: Env) => Parts;

/** The runtime environment node modules close over. Effects (clock, fetch, server) are injected here. */
export interface Env {
  spec: Spec;
  /** node data by key */
  N: Spec['n'];
  /** expression helpers */
  $: any;
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

export type { UiKey } from '../compiler/phases/3-lower/ui-strings.ts';
import type { UiKey } from '../compiler/phases/3-lower/ui-strings.ts';

import type { Clock } from './clock.ts';

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
