/**
 * The compiler ↔ runtime contract: what `lower` produces, `emit` prints into a bundle and the
 * runtime (runtime/) runs. Types only, so the runtime imports it with `import type` and no byte of
 * it ships. Field names are short because they ship in every bundle.
 *
 * Code appears in two forms: the compiler holds `{ $js }` source markers (`AsSource`), which emit
 * writes verbatim, and the running bundle holds the functions they became (`AsFunctions`).
 *
 * Adding a node type: its data variant joins `NodeData` below, and the lowerers' table
 * (compiler/phases/3-lower/nodes/index.ts) and the runtime's node table
 * (runtime/nodes/index.ts) are both `Record<NodeKind, …>`, so a missing piece is a type error.
 */
import type { InputKind, NodeType } from './model/types.ts';

/** A node kind: one per scenario node type, each with a lowerer and a runtime module of that name. */
export type NodeKind = NodeType;

/** A piece of JavaScript source inside lowered data; emit writes `$js` verbatim. */
export interface Js {
  $js: string;
}

/** Variables of a conversation, by name. */
// any: variables hold whatever the visitor, the page, services and scripts put there; expressions read them untyped
export type Vars = Record<string, any>;

/** How compiled code is represented: templates, expressions and script bodies. */
export interface CodeForm {
  /** a compiled text template */
  tpl: unknown;
  /** a compiled expression */
  expr: unknown;
  /** a script node's body */
  script: unknown;
}
/** Compiled code as the compiler holds it: source markers. */
export interface AsSource extends CodeForm {
  tpl: Js;
  expr: Js;
  script: Js;
}
/** Compiled code as the bundle holds it: the functions the markers became. */
export interface AsFunctions extends CodeForm {
  tpl: (v: Vars) => string;
  expr: (v: Vars) => unknown;
  script: (vars: Vars) => Promise<unknown>;
}

/** A Text: a plain string, a compiled template, or a per-language map of those. */
export type TextOf<C extends CodeForm = AsSource> = string | C['tpl'] | Record<string, string | C['tpl']>;
/** A duration: ms, or the index of an expression giving ms or an absolute date (ms since epoch). */
export type DurationRef = number | { e: number };
/** An http request as the runtime makes it; `b` is JSON whose strings may be templates. */
export interface RequestData<C extends CodeForm = AsSource> {
  /** method */
  m: string;
  /** URL */
  u: TextOf<C>;
  /** headers */
  h?: Record<string, TextOf<C>>;
  /** JSON body */
  b?: unknown;
}

/**
 * Node data by kind, keyed in the bundle by state key; `y` is the kind. One entry per kind: a kind
 * without one is a type error in `NodeData` below.
 */
export interface NodeDataMap<C extends CodeForm = AsSource> {
  message: { y: 'message'; t: TextOf<C>; i?: string };
  choice: { y: 'choice'; t: TextOf<C>; o: { l: TextOf<C>; v: unknown }[]; r?: string; m?: 1 };
  input: { y: 'input'; t: TextOf<C>; r: string; k: InputKind; x?: string; lo?: number; hi?: number; e?: TextOf<C> };
  intent: { y: 'intent'; t?: TextOf<C>; r?: string; I: string[][] };
  condition: { y: 'condition' };
  set: { y: 'set'; a: [name: string, expr: number][] };
  http: HttpData<C>;
  delay: { y: 'delay'; d: DurationRef; u?: 1; t?: TextOf<C> };
  wait: { y: 'wait'; d?: DurationRef };
  parallel: { y: 'parallel'; b: number };
  join: { y: 'join' };
  split: { y: 'split'; w: number[] };
  handoff: { y: 'handoff'; q?: string; d: DurationRef; t?: TextOf<C> };
  script: { y: 'script'; f: C['script'] };
  checkpoint: { y: 'checkpoint' };
  rollback: { y: 'rollback' };
  end: { y: 'end'; t?: TextOf<C>; r?: TextOf<C> };
}

/** The data of nodes of kinds `K`. */
export type NodeDataOf<K extends NodeKind, C extends CodeForm = AsSource> = NodeDataMap<C>[K];
/** The data of any node. */
export type NodeData<C extends CodeForm = AsSource> = NodeDataOf<NodeKind, C>;

/** An http node: the request, timeout, retries `[max, backoff, factor, cap]`, saves, compensation. */
export interface HttpData<C extends CodeForm = AsSource> extends RequestData<C> {
  y: 'http';
  to: number;
  rt: [max: number, backoff: number, factor: number, cap: number];
  /** variable → response path */
  s?: Record<string, string>;
  /** the compensating request, for rollback */
  c?: RequestData<C>;
  /** runs in the background */
  g?: 1;
}

/** Action names and their params; `n` is always the acting node's state key. */
export interface ActionParams {
  /** says the node's text (and image) */
  say: { n: string };
  /** counts a visit (idempotency keys) */
  visit: { n: string };
  /** records an incident for a failed task */
  incident: { n: string };
  /** says "something went wrong" */
  oops: undefined;
  cp: { n: string };
  pick: { n: string };
  due: { n: string };
  take: { n: string };
  retry: { n: string };
  heard: { n: string };
  set: { n: string };
  saved: { n: string };
  /** spawns the http actor as a background child (runtime/machine.ts wires it) */
  bg: { n: string };
  sv: { n: string };
  merge: { n: string };
  hjoin: { n: string };
  hmsg: { n: string };
  hsay: { n: string };
  hfwd: { n: string };
  hres: { n: string };
  hrate: { n: string };
  hto: { n: string };
}
export type ActionName = keyof ActionParams;
/** A reference to an action in the machine config. */
export type ActionRef = {
  [A in ActionName]: ActionParams[A] extends undefined ? { type: A } : { type: A; params: ActionParams[A] };
}[ActionName];

/** Guard names and their params: `i` a branch or option index, `e` an expression index. */
export interface GuardParams {
  opt: { n: string; i: number };
  x: { e: number };
  valid: { n: string };
  intent: { n: string; i: number };
  split: { n: string; i: number };
}
export type GuardName = keyof GuardParams;
export type GuardRef = { [G in GuardName]: { type: G; params: GuardParams[G] } }[GuardName];

/** Actors a state invokes, with the input the runtime fills in from context (runtime/machine.ts). */
export type ActorName = 'timer' | 'http' | 'handoff' | 'script' | 'rb';

/** The events the machine handles; `<key>` is a state key, `<name>` a page event's name. */
export type MachineEvent =
  | { type: `c:${string}`; i: number[] }
  | { type: `x:${string}`; x: string }
  | { type: `t:${string}` }
  | { type: `ok:${string}`; output: unknown }
  | { type: `no:${string}`; error: unknown }
  | { type: `e:${string}`; d?: unknown }
  | { type: 'h:joined'; name?: string }
  | { type: 'h:msg'; text: string }
  | { type: 'h:done'; id: string; outcome: string; variables?: unknown }
  | { type: 'h:timeout' };
/** The event of one prefix or type: `EventOf<'c'>` is a choice, `EventOf<'h:msg'>` a manager's message. */
export type EventOf<P extends string> = Extract<MachineEvent, { type: `${P}:${string}` } | { type: P }>;

/** A transition: a target state, or targets with guards and actions, first match wins. */
export type Transition = string | { target?: string; guard?: GuardRef; actions?: ActionRef | ActionRef[] };
export type Transitions = Transition | Transition[];

/** An XState v5 state config as JSON: implementations are referenced by name with params. */
export interface StateConfig {
  id?: string;
  type?: 'final' | 'parallel';
  initial?: string;
  entry?: ActionRef | ActionRef[];
  always?: Transitions;
  invoke?: { id: string; src: ActorName; input: { n: string } };
  /** by event type (see `MachineEvent`) */
  on?: Record<string, Transitions>;
  onDone?: string;
  states?: Record<string, StateConfig>;
}

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

/** The whole machine: `chatlet`, its initial context and states. */
export interface MachineConfig extends StateConfig {
  id: 'chatlet';
  initial: string;
  context: Ctx;
  states: Record<string, StateConfig>;
}

/** The widget's own words. Keys the runtime reads; each bundle carries only what it can show. */
export type UiKey =
  | 'open'
  | 'close'
  | 'send'
  | 'done'
  | 'answer'
  | 'title'
  | 'oops'
  | 'retry'
  | 'restart'
  | 'noagent'
  | 'joined'
  | 'rate'
  | 'skip';
/** UI strings by language, only the keys this bot can show (the runtime asks for no others). */
export type UiStrings = Record<string, Partial<Record<UiKey, string>>>;

/** Bot settings in the compact form the runtime reads; durations are milliseconds. */
export interface RuntimeSettings {
  /** mode */
  o: 'bubble' | 'inline' | 'popup';
  /** target selector for inline mode */
  g?: string;
  /** start trigger; `after` in ms for `delay` */
  st: { type: string; after?: number; percent?: number; name?: string };
  /** typing delay, ms */
  td: number;
  /** long timer threshold, ms */
  lt: number;
  /** theme */
  th: Record<string, string>;
  /** scenario locale */
  l: string;
  /** results reporting, only on bots with `settings.results`: the collected names (variables, or `page.…` context) */
  rs?: string[];
  /** results consent, only on bots whose results ask for it: the consent variable and the value that means yes */
  rk?: [variable: string, accept: string];
}

/** What a bundle's spec holds: the bot's data and compiled code, which the runtime's `boot()` reads. */
export interface BundleSpec<C extends CodeForm = AsSource> {
  /** bot id */
  id: string;
  /** server base URL ('' when the bot never calls home) */
  u: string;
  /** scenario hash: a saved conversation compares it to know the bot changed */
  h: string;
  s: RuntimeSettings;
  m: MachineConfig;
  /** node data by state key */
  n: Record<string, NodeData<C>>;
  /** compiled expressions, referenced by index from guard params and node data */
  x: C['expr'][];
  ui: UiStrings;
}
