/**
 * Where each node of the document goes on the canvas: its saved position, else where it was put
 * earlier this session, else the automatic flow layout (computed once for all unplaced nodes).
 */
import { flowLayout, NODE_BOX } from '../model/flow-layout.ts';
import type { Doc, NodeDoc, Position } from '../model/types.ts';
import type { Drawn } from './drawn.ts';

/** A node of the document with the key it is drawn under and its position. */
export interface Placed {
  node: NodeDoc;
  pos: Position;
}

/**
 * The nodes by drawing key (the id; `id\u0000n` for the n-th node sharing one, so an invalid
 * document still draws every node). `placed` remembers automatic positions, so they stay put.
 */
export function placeNodes(doc: Doc, placed: Map<string, Position>, view: { width: number; height: number }) {
  const wanted = new Map<string, Placed>();
  let auto: Map<string, Position> | undefined;
  doc.nodes.forEach((node, i) => {
    let key = String(node.id);
    for (let n = 2; wanted.has(key); n++) key = `${node.id}\u0000${n}`;
    let pos = doc.layout?.[node.id] ?? placed.get(key);
    if (!pos) {
      auto ??= flowLayout(doc.nodes, doc.start, view);
      pos = auto.get(String(i))!;
      placed.set(key, pos);
    }
    wanted.set(key, { node, pos });
  });
  return wanted;
}

/** The boxes of the drawn nodes, for fitting them in view (a node not laid out yet counts as the usual size). */
export function nodeBoxes(nodes: Iterable<Drawn>): { x: number; y: number; width: number; height: number }[] {
  return [...nodes].map((d) => ({
    x: d.x,
    y: d.y,
    width: NODE_BOX.width,
    height: d.el.offsetHeight || NODE_BOX.height,
  }));
}
