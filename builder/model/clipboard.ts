/**
 * Copy and paste: the selected nodes with their positions. Pasting gives every node a fresh id,
 * rewires links between pasted nodes to the copies, and keeps links to nodes outside the selection.
 */
import { retarget } from './commands.ts';
import { freshId } from './new-node.ts';
import type { Doc, NodeDoc, Position } from './types.ts';

/** Copied nodes and where they were, ready to paste. */
export interface Clip {
  nodes: NodeDoc[];
  positions: Record<string, Position>;
}

/** The selected nodes (in document order) and their positions. */
export function copy(doc: Doc, ids: Iterable<string>): Clip {
  const wanted = new Set(ids);
  const nodes = doc.nodes.filter((n) => wanted.has(n.id));
  const positions: Record<string, Position> = {};
  for (const n of nodes) if (doc.layout?.[n.id]) positions[n.id] = doc.layout[n.id];
  return { nodes, positions };
}

/** The nodes to add for a paste into `doc`, moved by `offset`, with fresh ids. */
export function pasteNodes(doc: Doc, clip: Clip, offset: Position = { x: 40, y: 40 }): Clip {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = freshId(taken, n.id.replace(/_copy(_\d+)?$/, '') + '_copy', false);
    taken.add(id);
    renamed.set(n.id, id);
  }
  const nodes = clip.nodes.map((n) => ({ ...retarget(n, (t) => renamed.get(t) ?? t), id: renamed.get(n.id)! }));
  const positions: Record<string, Position> = {};
  clip.nodes.forEach((n, i) => {
    const p = clip.positions[n.id] ?? { x: 60, y: 60 };
    positions[nodes[i].id] = { x: p.x + offset.x, y: p.y + offset.y };
  });
  return { nodes, positions };
}
