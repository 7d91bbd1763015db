import type { NodeType, ScenarioNode } from '../../../model/types.ts';
import type { Assignment, Edge, NodeVisitor } from '../visitor.ts';
import { checkpoint } from './checkpoint.ts';
import { choice } from './choice.ts';
import { condition } from './condition.ts';
import { delay } from './delay.ts';
import { end } from './end.ts';
import { handoff } from './handoff.ts';
import { http } from './http.ts';
import { input } from './input.ts';
import { intent } from './intent.ts';
import { join } from './join.ts';
import { message } from './message.ts';
import { parallel } from './parallel.ts';
import { rollback } from './rollback.ts';
import { script } from './script.ts';
import { set } from './set.ts';
import { split } from './split.ts';
import { wait } from './wait.ts';

const VISITORS: { [T in NodeType]: NodeVisitor<T> } = {
  message,
  choice,
  input,
  intent,
  condition,
  set,
  http,
  delay,
  wait,
  parallel,
  join,
  split,
  handoff,
  script,
  checkpoint,
  rollback,
  end,
};

/** The visitor of a node's type; undefined only for a node that did not come through `parse`. */
export function visitorOf(node: ScenarioNode): NodeVisitor<NodeType> | undefined {
  return Object.hasOwn(VISITORS, node.type) ? (VISITORS[node.type] as NodeVisitor<NodeType>) : undefined;
}

/** Every node reference `node` holds. */
export function edgesOf(node: ScenarioNode): Edge[] {
  return visitorOf(node)?.edges(node) ?? [];
}

/** The variables `node` assigns. */
export function assignmentsOf(node: ScenarioNode): Assignment[] {
  return visitorOf(node)?.assigns?.(node) ?? [];
}

/** True when a node of this type waits for the visitor or the clock. */
export function waits(node: ScenarioNode): boolean {
  return visitorOf(node)?.waits ?? false;
}
