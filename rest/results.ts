/**
 * The results REST contract (issue "results and analytics"): what a visitor's bundle reports, and what the owner's
 * API answers. Shared by the server (routes, validation, OpenAPI), the builder (Results tab, analytics overlay) and
 * the tests, so the three cannot drift. Types and constants only.
 */

/** Upper bounds of one report, enforced by the server (the runtime is not trusted) and respected by the runtime. */
export const RESULT_LIMITS = {
  /** bytes of a report body */
  bodyBytes: 16 * 1024,
  /** node ids in `path` */
  pathNodes: 100,
  /** characters of one reported variable's value once stringified */
  valueChars: 2000,
} as const;

/** A reported variable's value: what a visitor typed or picked, or page context. */
export type ResultValue = string | number | boolean | null;

/**
 * One report of one conversation, as the runtime sends it (in the form of a `ResultTuple`) to
 * `POST /api/v1/visitor/results?token=…` with a `text/plain;charset=UTF-8` JSON body (a "simple" request: no CORS preflight, so it can go out on page close with
 * `fetch(…, { keepalive: true })` or `navigator.sendBeacon`). Reports are idempotent by `id`: the server keeps the
 * one with the highest `seq`, and an older or equal `seq` changes nothing.
 */
export interface ResultReport {
  /** the result id, made by the runtime when the conversation starts: 16–40 characters of [A-Za-z0-9_-] */
  id: string;
  /** grows with every step of the conversation the runtime records: a later state has a higher one */
  seq: number;
  /** the bundle's scenario hash (`spec.h`); the server maps it to a version number when it knows it */
  scenario: string;
  /** when the conversation started, ms since the epoch */
  startedAt: number;
  /** ids of the nodes the conversation reached, in order, each once */
  path: string[];
  /** whether it reached an end node */
  completed: boolean;
  /** whether it was handed to a person */
  handoff: boolean;
  /** the declared variables (`settings.results.collect`) that have a value; nothing else */
  variables: Record<string, ResultValue>;
}

/**
 * A report as the runtime sends it: the fields of `ResultReport` as an array (id, seq, scenario, startedAt, path,
 * variables, completed, handoff), so that neither the bundle nor the body carries their names. `path` holds the nodes' state keys: node ids with `.`, `#`, `~`, `/` and
 * `\` written as `~` and two hex digits (the compiler's `stateKey`); keys with a `/` left in them are states the
 * compiler made inside a node, which the server leaves out. The server also takes a `ResultReport` object, which
 * bundles built before this form send.
 */
export type ResultTuple = [
  id: string,
  seq: number,
  scenario: string,
  startedAt: number,
  path: string[],
  variables: Record<string, ResultValue>,
  completed: boolean,
  handoff: boolean,
];

/** One result as the owner's API lists it (`GET /api/v1/bots/:id/results`), newest first. */
export interface ResultView {
  id: string;
  visitorId: string;
  /** the bot version the conversation ran, when the server knows it */
  version: number | null;
  startedAt: string;
  updatedAt: string;
  completed: boolean;
  handoff: boolean;
  lastNodeId: string | null;
  /** the nodes reached, in order */
  path: string[];
  variables: Record<string, ResultValue>;
}

/** A page of results; `next` is the cursor of the following page, null on the last. */
export interface ResultPage {
  results: ResultView[];
  next: string | null;
  /** the bot's declared variables (its live version's `settings.results.collect`), the table's columns */
  columns: string[];
}

/** How visitors moved through one node: reached it, or left there without completing. */
export interface NodeFlow {
  id: string;
  reached: number;
  dropped: number;
}

/** One branch of a `split` node: conversations that took it, and how many of those completed. */
export interface SplitBranchFlow {
  /** the branch's index in the split node's `branches` */
  index: number;
  /** the node the branch leads to */
  next: string;
  starts: number;
  completions: number;
}

/** The answer of `GET /api/v1/bots/:id/analytics?since=&until=&version=`. */
export interface Analytics {
  starts: number;
  completions: number;
  nodes: NodeFlow[];
  splits: { id: string; branches: SplitBranchFlow[] }[];
}
