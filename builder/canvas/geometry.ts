/**
 * Where a node's ports are, from its position alone. Every part of a node above its port rows has
 * a fixed height (builder.css uses the same numbers), so edges can be drawn without asking the
 * browser where anything is: opening a big scenario needs no layout of nodes that are off screen,
 * and those are skipped entirely (`content-visibility: auto`).
 */
import type { Position } from '../model/types.ts';

/** The node element: the card plus a margin on each side for the port circles. */
export const NODE_WIDTH = 230;
/** The margin on each side of the card for the port circles. */
export const SIDE = 10;
/** Top of the first port row inside the node: padding 6 + head 18 + title 20. */
export const PORTS_TOP = 44;
/** The height of one output row. */
export const PORT_ROW = 24;
/** The diameter of a port circle. */
export const PORT_SIZE = 16;
/** Top of the input port inside the node. */
export const INPUT_TOP = 12;

/** The centre of output `k`, in canvas coordinates. */
export function outputPoint(node: Position, k: number): Position {
  return { x: node.x + NODE_WIDTH - SIDE, y: node.y + PORTS_TOP + k * PORT_ROW + PORT_ROW / 2 };
}

/** The centre of the input, in canvas coordinates. */
export function inputPoint(node: Position): Position {
  return { x: node.x + SIDE, y: node.y + INPUT_TOP + PORT_SIZE / 2 };
}

/** Top of output `k` inside the node element, for placing its circle. */
export function outputTop(k: number): number {
  return PORTS_TOP + k * PORT_ROW + (PORT_ROW - PORT_SIZE) / 2;
}
