import type { NodeOf } from '../../../model/types.ts';
import type {
  ActionName,
  ActionParams,
  GuardName,
  GuardParams,
  GuardRef,
  NodeData,
  NodeDataOf,
  NodeKind,
  StateConfig,
  Transitions,
} from '../../../contract.ts';
import type { LowerContext } from '../context.ts';

/** What lowering one node gives: its XState state, its runtime data, and any root-level transitions. */
export interface LoweredNode<T extends NodeKind = NodeKind> {
  state: StateConfig;
  data: NodeDataOf<T>;
  rootOn?: Record<string, Transitions>;
  /** States the node needs beside its own (same scope), with their runtime data, by state key. */
  extra?: Record<string, { state: StateConfig; data: NodeData }>;
}

/** Lowers one node of kind `T`; its data must be that kind's variant of the contract's `NodeData`. */
export type NodeLowerer<T extends NodeKind> = (node: NodeOf<T>, cx: LowerContext) => LoweredNode<T>;

/** An action reference with the node's key as its parameter. */
export const act = <A extends Exclude<ActionName, 'oops'>>(type: A, n: string) =>
  ({ type, params: { n } }) as { type: A; params: ActionParams[A] };

/** A guard reference with its params. */
export const guard = <G extends GuardName>(type: G, params: GuardParams[G]) => ({ type, params }) as GuardRef;
