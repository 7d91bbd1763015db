import type { Diagnostic } from '../../diagnostics/types.ts';

/**
 * A piece of JavaScript source carried inside lowered data. The emit phase writes `js` verbatim;
 * everywhere else (the `machine` returned by `compile()`, tests) it is plain JSON.
 */
export interface Js {
  $js: string;
}

/** A Text after lowering: a plain string, a compiled template, or a per-language map of those. */
export type TextRef = string | Js | Record<string, string | Js>;

/** A JSON value whose strings may be compiled templates. */
export type JsonRef = unknown;

/** Per-node data the runtime reads, keyed by state key. Short field names: they ship in every bundle. */
export interface NodeData {
  /** node type */
  y: string;
  [field: string]: unknown;
}

/** An XState v5 machine config, JSON only: implementations are referenced by name with params. */
export type MachineConfig = Record<string, unknown>;

/** Everything the runtime needs besides its own code; `emit` turns it into the bundle's `boot()` call. */
export interface Lowered {
  machine: MachineConfig;
  /** State key → node data. */
  nodes: Record<string, NodeData>;
  /** Compiled expressions, referenced from guard and action params by index. */
  exprs: Js[];
  /** Node types whose runtime code the bundle needs. */
  uses: string[];
  /** The widget's UI strings by language, only the keys this bot can show. */
  ui: Record<string, Record<string, string>>;
  diagnostics: Diagnostic[];
}
