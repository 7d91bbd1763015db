import type { NodeOf, NodeType } from '../../../model/types.ts';
import type { LowerContext } from '../context.ts';
import type { NodeData } from '../types.ts';

/** What lowering one node gives: its XState state, its runtime data, and any root-level transitions. */
export interface LoweredNode {
  state: Record<string, unknown>;
  data: NodeData;
  rootOn?: Record<string, unknown>;
  /** States the node needs beside its own (same scope), with their runtime data, by state key. */
  extra?: Record<string, { state: Record<string, unknown>; data: NodeData }>;
}

export type NodeLowerer<T extends NodeType> = (node: NodeOf<T>, cx: LowerContext) => LoweredNode;

/** An action reference with the node's key as its parameter. */
export const act = (type: string, n: string) => ({ type, params: { n } });
