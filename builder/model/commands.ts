/**
 * Every edit is a command: plain data that `perform(doc, command)` turns into the next document.
 * Undo and redo, autosave and the canvas all follow from that; nothing edits a document in place.
 */
import { portsOf, portTarget, withPortTarget } from '../../compiler/browser.ts';
import type { Doc, NodeDoc, Position } from './types.ts';

/** An edit of the document, as data: `perform` applies it, history undoes it. */
export type Command =
  /** Adds nodes (from the palette, a paste, a template part) with their positions. */
  | { type: 'addNodes'; nodes: NodeDoc[]; positions: Record<string, Position> }
  /** Removes nodes; ports that pointed at them are disconnected, like erasing the arrows. */
  | { type: 'deleteNodes'; ids: string[] }
  | { type: 'moveNodes'; positions: Record<string, Position> }
  /** Points port `port` of node `id` at `target`, or disconnects it when `target` is undefined. */
  | { type: 'connect'; id: string; port: number; target: string | undefined }
  /** Replaces a node with a new version of it; a changed id is renamed everywhere it is named. */
  | { type: 'updateNode'; id: string; node: NodeDoc; coalesce?: string }
  | { type: 'setStart'; id: string }
  /** Replaces a top-level field: `name`, `locale`, `settings`, `variables`. */
  | { type: 'setField'; key: 'name' | 'locale' | 'settings' | 'variables'; value: unknown; coalesce?: string }
  /** Replaces the whole document: an import, a template, a restored version, the other editor's draft. */
  | { type: 'replaceDocument'; doc: Doc };

const indexOf = (doc: Doc, id: string) => doc.nodes.findIndex((n) => n.id === id);

/** Applies one command. Pure: the input document is never changed, unchanged nodes keep their identity. */
export function perform(doc: Doc, cmd: Command): Doc {
  switch (cmd.type) {
    case 'addNodes': {
      const layout = { ...(doc.layout ?? {}) };
      for (const n of cmd.nodes) if (cmd.positions[n.id]) layout[n.id] = { ...cmd.positions[n.id] };
      const next: Doc = { ...doc, nodes: [...doc.nodes, ...cmd.nodes], layout };
      // The first node of an empty bot is where it starts.
      if (!doc.nodes.some((n) => n.id === doc.start) && cmd.nodes.length) next.start = cmd.nodes[0].id;
      return next;
    }
    case 'deleteNodes': {
      const gone = new Set(cmd.ids);
      const nodes = doc.nodes
        .filter((n) => !gone.has(n.id))
        .map((n) => retarget(n, (t) => (gone.has(t) ? undefined : t)));
      const layout = Object.fromEntries(Object.entries(doc.layout ?? {}).filter(([id]) => !gone.has(id)));
      const next: Doc = { ...doc, nodes, layout };
      if (gone.has(doc.start)) next.start = nodes[0]?.id ?? '';
      return next;
    }
    case 'moveNodes': {
      const layout = { ...(doc.layout ?? {}) };
      for (const [id, p] of Object.entries(cmd.positions)) layout[id] = { x: Math.round(p.x), y: Math.round(p.y) };
      return { ...doc, layout };
    }
    case 'connect': {
      const i = indexOf(doc, cmd.id);
      if (i < 0) return doc;
      const port = portsOf(doc.nodes[i])[cmd.port];
      if (!port) return doc;
      const nodes = [...doc.nodes];
      nodes[i] = withPortTarget(nodes[i], port, cmd.target);
      return { ...doc, nodes };
    }
    case 'updateNode': {
      const i = indexOf(doc, cmd.id);
      if (i < 0) return doc;
      const nodes = [...doc.nodes];
      nodes[i] = cmd.node;
      const next: Doc = { ...doc, nodes };
      if (cmd.node.id !== cmd.id) return renameEverywhere(next, cmd.id, cmd.node.id);
      return next;
    }
    case 'setStart':
      return { ...doc, start: cmd.id };
    case 'setField': {
      const next: Doc = { ...doc, [cmd.key]: cmd.value };
      if (cmd.value === undefined) delete next[cmd.key];
      return next;
    }
    case 'replaceDocument':
      return cmd.doc;
  }
}

/** A copy of the node with every port's target mapped; `undefined` disconnects the port. */
export function retarget(node: NodeDoc, map: (target: string) => string | undefined): NodeDoc {
  let out = node;
  for (const port of portsOf(node)) {
    const target = portTarget(out, port);
    if (target === undefined || target === '') continue;
    const mapped = map(target);
    if (mapped !== target) out = withPortTarget(out, port, mapped);
  }
  return out;
}

function renameEverywhere(doc: Doc, from: string, to: string): Doc {
  const nodes = doc.nodes.map((n) => retarget(n, (t) => (t === from ? to : t)));
  const layout = { ...(doc.layout ?? {}) };
  if (layout[from] && !layout[to]) {
    layout[to] = layout[from];
    delete layout[from];
  }
  return { ...doc, nodes, layout, start: doc.start === from ? to : doc.start };
}
