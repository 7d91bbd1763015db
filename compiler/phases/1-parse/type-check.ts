import type { z } from 'zod';
import type { NodeOf, NodeType, Settings } from '../../model/types.ts';
import type { NODE_SCHEMAS } from './nodes/index.ts';
import type { settings } from './settings.ts';

/**
 * Compile-time only: the zod schemas and the model types describe the same documents.
 * `satisfies` in nodes/index.ts proves parsed nodes are model nodes; this file proves the
 * reverse too, so a field added to the model but not to its schema fails `tsc`.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;

// Assignability alone misses an optional field present on one side only, so keys are compared too.
type NodeChecks = {
  [T in NodeType]: Same<z.output<(typeof NODE_SCHEMAS)[T]>, NodeOf<T>> extends true
    ? Same<keyof z.output<(typeof NODE_SCHEMAS)[T]>, keyof NodeOf<T>>
    : false;
};

export type AllNodeSchemasMatchTheModel = Expect<NodeChecks[NodeType]>;
export type SettingsSchemaMatchesTheModel = Expect<
  Same<z.output<typeof settings>, Settings> extends true ? Same<keyof z.output<typeof settings>, keyof Settings> : false
>;
