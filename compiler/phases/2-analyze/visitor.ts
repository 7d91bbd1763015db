import type { At } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import type { Duration, NodeOf, NodeType, Text } from '../../model/types.ts';
import type { ScriptSyntaxCheck } from './script-syntax.ts';

/** A reference from a node to another node, with the field that holds it (`options[0].next`). */
export interface Edge {
  target: string;
  field: string;
}

/** A variable a node assigns; `field` is where its name is written, when it is written in the node. */
export interface Assignment {
  name: string;
  field?: string;
}

/** What a node's checks may ask of the phase. Fields are relative to the node (`options[0].label`). */
export interface NodeContext {
  /** The location of a field of this node, for a diagnostic. */
  at(field?: string, column?: number): At;
  report(diagnostic: Diagnostic): void;
  /** Checks an expression field. Returns the variables it reads, or undefined when it is invalid. */
  expr(field: string, src: string): string[] | undefined;
  /** Checks a Text (every language): templates, links. Returns the variables read, or undefined when invalid. */
  text(field: string, text: Text | undefined): string[] | undefined;
  /** Checks a Duration: ISO text or `{expr}`. */
  duration(field: string, value: Duration | undefined): void;
  /** Checks a JSON template (an HTTP body): every string in it is a Text. */
  json(field: string, value: unknown): void;
  /** The caller's script syntax check (analyze's `scriptSyntax` option); absent, scripts are not parsed. */
  readonly scriptSyntax?: ScriptSyntaxCheck;
}

/** Everything the analyze phase knows about one node type. One file per type, in `nodes/`. */
export interface NodeVisitor<T extends NodeType> {
  /** True when the node stops for the visitor or the clock, which breaks a loop's spin. */
  waits: boolean;
  /** Every node reference the node holds. */
  edges(node: NodeOf<T>): Edge[];
  /** Variables the node assigns. */
  assigns?(node: NodeOf<T>): Assignment[];
  /** Checks that concern this node alone. */
  check?(node: NodeOf<T>, cx: NodeContext): void;
}

/** `next` fields shared by many node types, in a stable order. */
export function refs(node: object, ...fields: string[]): Edge[] {
  const out: Edge[] = [];
  for (const field of fields) {
    const target = (node as Record<string, unknown>)[field];
    if (typeof target === 'string') out.push({ target, field });
  }
  return out;
}
