import type { NodeKind } from '../../../contract.ts';
import type { NodeLowerer } from './types.ts';
import { lowerMessage } from './message.ts';
import { lowerChoice } from './choice.ts';
import { lowerInput } from './input.ts';
import { lowerIntent } from './intent.ts';
import { lowerCondition } from './condition.ts';
import { lowerSet } from './set.ts';
import { lowerHttp } from './http.ts';
import { lowerDelay } from './delay.ts';
import { lowerWait } from './wait.ts';
import { lowerParallel } from './parallel.ts';
import { lowerJoin } from './join.ts';
import { lowerSplit } from './split.ts';
import { lowerHandoff } from './handoff.ts';
import { lowerScript } from './script.ts';
import { lowerCheckpoint } from './checkpoint.ts';
import { lowerRollback } from './rollback.ts';
import { lowerEnd } from './end.ts';

/**
 * One lowerer per node kind; adding a kind means adding a file and a line here (a missing line is a
 * type error, and so is data that is not the kind's variant of the contract's `NodeData`).
 */
export const lowerers: { [K in NodeKind]: NodeLowerer<K> } = {
  message: lowerMessage,
  choice: lowerChoice,
  input: lowerInput,
  intent: lowerIntent,
  condition: lowerCondition,
  set: lowerSet,
  http: lowerHttp,
  delay: lowerDelay,
  wait: lowerWait,
  parallel: lowerParallel,
  join: lowerJoin,
  split: lowerSplit,
  handoff: lowerHandoff,
  script: lowerScript,
  checkpoint: lowerCheckpoint,
  rollback: lowerRollback,
  end: lowerEnd,
};
