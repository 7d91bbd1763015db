import type {
  AsSource,
  Js,
  MachineConfig,
  NodeData,
  NodeKind,
  RuntimeSettings,
  TextOf,
  UiStrings,
} from '../../contract.ts';
import type { Features } from './features.ts';

export type { Js, MachineConfig, NodeData } from '../../contract.ts';

/** A Text after lowering: a plain string, a compiled template, or a per-language map of those. */
export type TextRef = TextOf<AsSource>;

/** A JSON value whose strings may be compiled templates. */
export type JsonRef = unknown;

/**
 * What `lower` produces and `emit` prints: the machine, the runtime's data and compiled code, the
 * settings and which runtime parts the bundle carries. Typed by the compiler ↔ runtime contract.
 */
export interface MachineSpec {
  machine: MachineConfig;
  /** State key → node data. */
  nodes: Record<string, NodeData>;
  /** Compiled expressions, referenced from guard and action params by index. */
  exprs: Js[];
  /** Node kinds whose runtime code the bundle needs. */
  uses: NodeKind[];
  /** The widget's UI strings by language, only the keys this bot can show. */
  ui: UiStrings;
  settings: RuntimeSettings;
  /** The widget parts this bot can show. */
  features: Features;
}
