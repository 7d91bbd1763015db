/** What the canvas has drawn: a node's elements and where it is, and an edge between two of them. */
import type { Port } from '../../compiler/browser.ts';
import type { NodeDoc } from '../model/types.ts';

/** A node on the canvas: its elements, Drawflow's number for it, and the document node it shows. */
export interface Drawn {
  /** The node's id, or `id\u0000n` for the n-th node sharing an id (an invalid document still draws). */
  key: string;
  /** Drawflow's number for the node (its element is `node-<df>`). */
  df: number;
  el: HTMLElement;
  content: HTMLElement;
  outputs: HTMLElement[];
  input: HTMLElement;
  node: NodeDoc;
  ports: Port[];
  isStart: boolean;
  x: number;
  y: number;
  /** The problems last shown on it, so an unchanged list is not written again. */
  problems: string;
}

/** An edge from output `port` of one drawn node to the input of another. */
export interface Edge {
  from: Drawn;
  port: number;
  to: Drawn;
  /** A `g.connection` in the one edge layer (Drawflow gives each edge its own svg element, which costs a layout per edge on every frame). */
  svg: SVGGElement;
}

/** The key of an edge: the two nodes' Drawflow numbers and the port. */
export const edgeKey = (from: Drawn, port: number, to: Drawn): string => `${from.df}|${port}|${to.df}`;

/** The drawn nodes, by key and by Drawflow number. */
export interface DrawnNodes {
  byKey: Map<string, Drawn>;
  byDf: Map<number, Drawn>;
}

/** Drawflow's number of a node element (`node-12` → 12). */
export const dfOf = (el: Element | string): number => Number((typeof el === 'string' ? el : el.id).slice(5));
