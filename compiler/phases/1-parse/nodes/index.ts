import type { z } from 'zod';
import type { NodeOf, NodeType } from '../../../model/types.ts';
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

/** The schema of each node type. `satisfies` proves every parsed node is a model node. */
export const NODE_SCHEMAS = {
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
} satisfies { [T in NodeType]: z.ZodType<NodeOf<T>> };
