/**
 * The runtime's node table: one module per node kind of the compiler ↔ runtime contract
 * (compiler/contract.ts). A kind without a module here is a type error. Bundles do not import
 * this table (the compiler imports `nodes/<kind>.ts` for the kinds a bot uses, so it ships only
 * those); the test harness does, and it is where a new kind's module is registered.
 */
import type { NodeKind, NodeModule } from '../types.ts';
import message from './message.ts';
import choice from './choice.ts';
import input from './input.ts';
import intent from './intent.ts';
import condition from './condition.ts';
import set from './set.ts';
import http from './http.ts';
import delay from './delay.ts';
import wait from './wait.ts';
import parallel from './parallel.ts';
import join from './join.ts';
import split from './split.ts';
import handoff from './handoff.ts';
import script from './script.ts';
import checkpoint from './checkpoint.ts';
import rollback from './rollback.ts';
import end from './end.ts';

/** The module of each node kind, by the kind's name (which is also its file's name). */
export const NODE_MODULES: { [K in NodeKind]: NodeModule<K> } = {
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
