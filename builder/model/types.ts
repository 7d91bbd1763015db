/**
 * The builder edits a scenario document that may be half-finished or invalid (a dangling `next`,
 * an empty prompt): the compiler says what is wrong, the editor never refuses to hold it. So the
 * document is typed loosely here; `check()` is what reads it strictly.
 */
export type NodeDoc = Record<string, any> & { id: string; type: string };

/** The scenario document the builder edits (chatlet.scenario/1), loosely typed: it may be half-finished. */
export interface Doc {
  format: string;
  name: string;
  locale?: string;
  settings?: Record<string, any>;
  variables?: Record<string, unknown>;
  start: string;
  nodes: NodeDoc[];
  layout?: Record<string, { x: number; y: number }>;
  [key: string]: unknown;
}

/** A point on the canvas, in canvas pixels. */
export interface Position {
  x: number;
  y: number;
}
